// @ts-check
// The package main. n8n finds the nodes and the credential through the `n8n` section of
// package.json, not through this file. It lets `require('n8n-nodes-kula')` hand the classes
// to other code. The build copies it to dist/index.js, so the paths are relative to dist/.
module.exports = {
	KulaApi: require('./credentials/KulaApi.credentials').KulaApi,
	KulaInterview: require('./nodes/KulaInterview/KulaInterview.node').KulaInterview,
	KulaTrigger: require('./nodes/KulaTrigger/KulaTrigger.node').KulaTrigger,
};
