// @ts-check
module.exports = require('./scratch-root').setUp;
