// @ts-check
'use strict';

/**
 * Renders docs/BENCHMARKS.md: the machine, the report table, the targets and the method. The
 * whole page comes from one benchmark run, so it is rewritten rather than edited.
 */

const { B1_EXPRESSION_COUNT } = require('./workflows');
const { HEADERS, checkTargets, overheadRatios, reportCells } = require('./report');

/**
 * Escapes the characters that would end a Markdown table cell or start inline markup.
 *
 * @param {string} text
 */
function cell(text) {
	return text.replace(/\|/g, '\\|').replace(/\*/g, '\\*');
}

/**
 * @param {string[]} headers
 * @param {string[][]} rows
 */
function markdownTable(headers, rows) {
	const line = (/** @type {string[]} */ cells) => `| ${cells.map(cell).join(' | ')} |`;
	return [line(headers), `|${headers.map(() => ' --- |').join('')}`, ...rows.map(line)].join('\n');
}

/** Line width of the generated paragraphs, as in the README. */
const LINE_WIDTH = 96;

/**
 * Wraps a paragraph at LINE_WIDTH, breaking only between words.
 *
 * @param {string} text
 */
function wrap(text) {
	const lines = [];
	let line = '';
	for (const word of text.split(/\s+/).filter((part) => part !== '')) {
		if (line !== '' && line.length + 1 + word.length > LINE_WIDTH) {
			lines.push(line);
			line = word;
		} else {
			line = line === '' ? word : `${line} ${word}`;
		}
	}
	if (line !== '') lines.push(line);
	return lines.join('\n');
}

/** @param {number[]} loads */
function formatLoad(loads) {
	return loads.map((load) => load.toFixed(2)).join(', ');
}

/**
 * @param {import('./report').BenchResults} results
 */
function machineSection(results) {
	const { machine } = results;
	return [
		'## Machine',
		'',
		`- CPU: ${machine.cpuModel}, ${machine.cores} logical cores`,
		`- Memory: ${machine.memoryGiB} GiB`,
		`- OS: ${machine.operatingSystem}`,
		`- n8n ${machine.n8n} on Node ${machine.runtimeNode}, expression engine \`${machine.expressionEngine}\``,
		`- Benchmark script and Kula sandbox on Node ${machine.hostNode}`,
		`- Run from ${machine.startedAt} to ${results.finishedAt}`,
		`- Load average (1, 5, 15 min): ${formatLoad(machine.loadAverageAtStart)} at the start, ${formatLoad(results.loadAverageAtEnd)} at the end`,
	].join('\n');
}

/**
 * @param {import('./report').BenchResults} results
 */
function targetsSection(results) {
	const ratios = overheadRatios(results.overhead);
	const lines = checkTargets(results).map(
		(check) => `- ${check.target}: ${check.value}, **${check.met ? 'met' : 'not met'}**`,
	);
	return [
		'## Targets',
		'',
		...lines,
		'',
		wrap(
			`b1/c is ${ratios.b1ToC.toFixed(2)}, and its cause shows in b1 − b2: b1 reads each of its ` +
				`${B1_EXPRESSION_COUNT} fields through its own expression, while b2 reads the same ` +
				`fields from the item. b1 − b2 is ${(ratios.msPerExpression * B1_EXPRESSION_COUNT).toFixed(2)} ` +
				`ms per item, an estimated ${ratios.msPerExpression.toFixed(2)} ms per expression and ` +
				`item with n8n's \`${results.machine.expressionEngine}\` expression engine.`,
		),
	].join('\n');
}

const METHOD = `## Method

\`npm run bench\` (scripts/bench.js) builds and packs the package, installs the tarball into a
fresh n8n user folder of the pinned n8n, and starts one n8n and one Kula sandbox on 127.0.0.1.
The workflows are created and activated through n8n's public API. Each create workflow is
Webhook (responding when the last node finishes) → Code node → measured node. The Code node
builds the rows from the webhook body: ad-hoc one-on-one phone interviews on the seeded
applications, with organizer, start time, timezone, kind, location, duration, interviewer and
both invite templates under Kula's field names.

1. **Overhead.** The sandbox's rate limit is off. Variants:
   - (a) a plain Node.js loop in a child process on n8n's Node, sending the same requests one
     after another over one keep-alive connection with the credential's Authorization header;
   - (b1) the Kula Interview node with each field mapped by its own expression (\`={{ $json.x }}\`);
   - (b2) the Kula Interview node with Input Data "Take Kula Fields From Input";
   - (c) n8n's HTTP Request node 4.5 with the Kula credential, the URL from an expression and the
     body from one JSON expression.

   Every variant first runs 10 rows unmeasured. Each round then runs every variant once, in an
   order rotated by one per round. The figure of an n8n variant is the measured node's
   \`executionTime\` from n8n's run data (read through the public API), divided by the rows; the
   webhook call's wall time is shown beside it. The loop's figure is the time of its loop. The
   sandbox is reset before every run, and a run counts only when n8n reports success, the node
   returned one item per row with no error item, and the sandbox contains exactly one new interview
   per row. "Same requests" compares a SHA-256 over the sorted paths and bodies that got 201.
   Ratios divide medians.
2. **Rate limit.** The sandbox limits the account to L requests per W seconds, with Kula's
   \`X-RateLimit-*\` headers and \`retry_after\`, in a fixed window that opens with its first
   request. One run of b2 with N items follows. L requests can go at once and each further batch
   of L a window later, so the minimum run time is (ceil(N / L) − 1) × W, and the ratio is the
   node's time divided by it. 429 responses are counted in the sandbox's request log.
3. **Footprint.** \`require('dist/index.js')\`, timed inside fresh processes on n8n's Node, once
   bare and once after \`require('n8n-workflow')\`, which n8n has loaded before any community
   package. Sizes come from \`npm pack --dry-run --json\`. Memory is the resident set size of n8n's
   main process (VmRSS in /proc) right before a b2 run, and its peak (VmHWM, reset through
   /proc/<pid>/clear_refs) when the webhook has responded. The Code node runs in n8n's task
   runner, a separate process that is not counted.
4. **Trigger.** The trigger workflow (Kula Trigger → No Operation) is activated, and the node
   registers its webhook with the sandbox. The benchmark signs deliveries with that webhook's
   secret as the sandbox does, each with its own event id, and sends them from several workers
   over keep-alive connections. Accepted per second is the 200 responses divided by the time from
   the first request to the last response; runs started are the trigger's executions stored
   afterwards. The node's own work is timed in a loop on the built \`verifySignature\` and
   \`parseEnvelope\`, and its share is (check + parse time of one delivery) / (sending time ÷
   accepted deliveries).

\`npm run bench -- --quick\` runs the same steps with a few dozen items to check the harness;
\`npm test\` runs it too (test/bench). \`npm run bench -- --help\` lists the options.`;

/**
 * Renders the whole page.
 *
 * @param {import('./report').BenchResults} results
 */
function renderBenchmarksMarkdown(results) {
	const rows = reportCells(results);
	return [
		'# Benchmarks',
		'',
		wrap(
			`Written by \`npm run bench\` from one run on ${results.finishedAt.slice(0, 10)}. Run it ` +
				'again to replace the figures; the page is not edited by hand.',
		),
		'',
		machineSection(results),
		'',
		'## Results',
		'',
		markdownTable(HEADERS, rows),
		'',
		targetsSection(results),
		'',
		METHOD,
		'',
	].join('\n');
}

module.exports = { renderBenchmarksMarkdown };
