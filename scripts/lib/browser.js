// @ts-check
'use strict';

/**
 * Drives n8n's editor (n8n 2.41.1) in Debian's Chromium through playwright-core, which downloads
 * no browser itself. The browser may talk to the n8n server under test only: every other
 * request is aborted and recorded, so a test can fail on it.
 *
 * The selectors are n8n 2.41.1's `data-test-id` attributes, which n8n's own end-to-end tests use.
 */

const fs = require('node:fs');
const path = require('node:path');

const { chromium } = require('playwright-core');

const { CHROMIUM_PATH } = require('./chromium');
const { LOOPBACK } = require('./n8n-env');
const { TMP_ROOT } = require('./paths');

/** @typedef {import('playwright-core').BrowserContext} BrowserContext */
/** @typedef {import('playwright-core').Page} Page */
/** @typedef {import('playwright-core').Locator} Locator */

/**
 * Chromium flags: headless, without the sandbox (Chromium does not start as root with it, and CI
 * runs as root), and without the browser's own network traffic (background networking,
 * component updates, sync, QUIC).
 */
const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	// Docker's default /dev/shm of 64 MB is too small for Chromium's renderers.
	'--disable-dev-shm-usage',
];

/** The screenshot size of the README images. */
const VIEWPORT = { width: 1440, height: 900 };

/**
 * In the browser test on a 2-core machine, the editor took 7–9 s from opening a workflow's page
 * to an open node details view, most of it the first load of the editor bundle. A single wait
 * therefore gets 20 s before it fails.
 */
const DEFAULT_TIMEOUT_MS = 20_000;

/** How long a test polls the parameter list after a change before it fails. */
const PARAMETER_POLL_TIMEOUT_MS = 5000;
const POLL_INTERVAL_MS = 100;

/**
 * Dropdowns and tooltips that n8n attaches to `<body>`. They stay in the DOM once closed, hidden
 * or fading out, so a screenshot waits until none of them is visible.
 */
const OVERLAY_SELECTOR = [
	'.el-select__popper',
	'.el-select-dropdown',
	'[data-test-id="resource-locator-dropdown"]',
	'[role="tooltip"]',
].join(', ');

/**
 * @typedef {object} BlockedRequest
 * @property {'request' | 'websocket'} kind
 * @property {string} url
 * @property {string} [resourceType] Playwright's resource type, e.g. `script` or `fetch`.
 */

/**
 * @typedef {object} EditorBrowser
 * @property {BrowserContext} context
 * @property {Page} page
 * @property {string} baseUrl
 * @property {BlockedRequest[]} blockedRequests Requests to anything but `baseUrl`, all aborted.
 * @property {() => Promise<void>} close Closes the page so that the editor releases its workflow
 *   write lock, closes Chromium and deletes its profile folder.
 */

/** @param {number} ms */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Returns whether the browser may load `url`: the n8n server's own origin over HTTP or
 * WebSocket, or content that needs no network (data:, blob:, about:blank).
 *
 * @param {URL} url
 * @param {URL} base
 */
function isAllowedUrl(url, base) {
	if (url.protocol === 'data:' || url.protocol === 'blob:') return true;
	if (url.href === 'about:blank') return true;
	const sameServer = url.hostname === base.hostname && url.port === base.port;
	return sameServer && (url.protocol === base.protocol || url.protocol === 'ws:');
}

/**
 * Launches headless Chromium with a fresh profile folder under .tmp/ and opens one page of
 * `VIEWPORT` size. Every request that is not for `baseUrl` is aborted, recorded in
 * `blockedRequests` and passed to `log`. Service workers are blocked, so their requests pass
 * the same check.
 *
 * @param {{ baseUrl: string, log?: (line: string) => void, deviceScaleFactor?: number }} options
 *   `baseUrl` must be an http URL on 127.0.0.1. `deviceScaleFactor` 2 makes screenshots twice
 *   as sharp at the same layout.
 * @returns {Promise<EditorBrowser>}
 */
async function launchEditorBrowser({ baseUrl, log = console.log, deviceScaleFactor = 1 }) {
	const base = new URL(baseUrl);
	if (base.protocol !== 'http:' || base.hostname !== LOOPBACK) {
		throw new Error(`The browser may only open an n8n on http://${LOOPBACK}, got ${baseUrl}`);
	}
	const executablePath = CHROMIUM_PATH;
	if (!fs.existsSync(executablePath)) {
		throw new Error(
			`Chromium not found at ${executablePath}. Install Debian's chromium package ` +
				'(apt-get install chromium) or set CHROMIUM_PATH.',
		);
	}

	fs.mkdirSync(TMP_ROOT, { recursive: true });
	const userDataDir = fs.mkdtempSync(path.join(TMP_ROOT, 'chromium-profile-'));
	/** @type {BrowserContext} */
	let context;
	try {
		// A persistent context is the way to choose the profile folder: Playwright rejects a
		// --user-data-dir argument and passes this folder instead.
		context = await chromium.launchPersistentContext(userDataDir, {
			executablePath,
			headless: true,
			args: CHROMIUM_ARGS,
			viewport: VIEWPORT,
			deviceScaleFactor,
			serviceWorkers: 'block',
			timeout: 60_000,
		});
	} catch (error) {
		fs.rmSync(userDataDir, { recursive: true, force: true });
		throw error;
	}

	/** @type {BlockedRequest[]} */
	const blockedRequests = [];
	await context.route(
		(url) => !isAllowedUrl(url, base),
		(route) => {
			const request = route.request();
			blockedRequests.push({
				kind: 'request',
				url: request.url(),
				resourceType: request.resourceType(),
			});
			log(`Blocked a browser request to ${request.url()} (${request.resourceType()})`);
			return route.abort('blockedbyclient');
		},
	);
	await context.routeWebSocket(
		(url) => !isAllowedUrl(url, base),
		(webSocket) => {
			blockedRequests.push({ kind: 'websocket', url: webSocket.url() });
			log(`Blocked a browser WebSocket to ${webSocket.url()}`);
			return webSocket.close({ code: 1008, reason: 'Blocked by the test: not the n8n server' });
		},
	);

	const page = context.pages()[0] ?? (await context.newPage());
	page.setDefaultTimeout(DEFAULT_TIMEOUT_MS);
	// Accepts the editor's beforeunload prompt about unsaved changes when the page closes.
	page.on('dialog', (dialog) => dialog.accept());

	// Chromium closes and its profile folder goes even when the page fails to close.
	const close = async () => {
		try {
			await closePageReleasingLock(page);
		} finally {
			try {
				await context.close();
			} finally {
				fs.rmSync(userDataDir, { recursive: true, force: true });
			}
		}
	};
	return { context, page, baseUrl: base.origin, blockedRequests, close };
}

/**
 * Closes a page with its beforeunload handlers, in which the editor releases the workflow's
 * write lock. Without them the lock stays for its server-side TTL of 2 minutes, and the next
 * session gets a read-only canvas. Waits at most 3 s for the close.
 *
 * @param {Page} page
 */
async function closePageReleasingLock(page) {
	if (page.isClosed()) return;
	/** @type {NodeJS.Timeout | undefined} */
	let timer;
	const closed = new Promise((resolve) => {
		page.once('close', resolve);
		timer = setTimeout(resolve, 3000);
	});
	// runBeforeUnload makes close() return before the page has closed.
	await page.close({ runBeforeUnload: true });
	await closed;
	clearTimeout(timer);
}

/**
 * Signs the browser in with an `n8n-auth` cookie from `setUpOwner`. n8n binds that cookie to
 * the `browser-id` header it was issued with. The editor sends `localStorage['n8n-browserId']`
 * as that header, so the same id goes into local storage before any page loads.
 *
 * @param {EditorBrowser} browser
 * @param {import('./n8n-rest').RestSession} session
 */
async function signIn(browser, session) {
	const [name, ...rest] = session.cookie.split('=');
	const value = rest.join('=');
	await browser.context.addInitScript((browserId) => {
		/** @type {any} */ (globalThis).localStorage.setItem('n8n-browserId', browserId);
	}, session.browserId);
	await browser.context.addCookies([{ name, value, url: browser.baseUrl }]);
}

/**
 * Opens a workflow in the editor and waits until its canvas shows `nodeName`. When another
 * session still holds the workflow's write lock, the canvas is read-only behind an
 * "Editing in another tab | Edit here" pill, and this takes the lock over.
 *
 * @param {EditorBrowser} browser
 * @param {string} workflowId
 * @param {string} nodeName A node of the workflow, to know the canvas has rendered.
 */
async function openWorkflow(browser, workflowId, nodeName) {
	const { page } = browser;
	await page.goto(`${browser.baseUrl}/workflow/${encodeURIComponent(workflowId)}`);
	await canvasNode(page, nodeName).waitFor();
	const editHere = page.getByRole('button', { name: 'Edit here' });
	if (await editHere.isVisible()) await editHere.click();
}

/**
 * @param {Page} page
 * @param {string} nodeName
 */
function canvasNode(page, nodeName) {
	return page.locator(`[data-test-id="canvas-node"][data-node-name="${nodeName}"]`);
}

/**
 * Opens a canvas node's details view (NDV) with a double click and returns its locator.
 *
 * @param {Page} page
 * @param {string} nodeName
 */
async function openNodeDetails(page, nodeName) {
	await canvasNode(page, nodeName).dblclick();
	const ndv = page.locator('[data-test-id="ndv"]');
	await ndv.waitFor();
	await ndv.locator('[data-test-id="node-parameters"]').waitFor();
	return ndv;
}

/**
 * Closes the open node details view.
 *
 * @param {Page} page
 */
async function closeNodeDetails(page) {
	await page.locator('[data-test-id="ndv-close-button"]').click();
	await page.locator('[data-test-id="ndv"]').waitFor({ state: 'hidden' });
}

/**
 * One visible row of the Parameters tab.
 *
 * @typedef {object} ParameterRow
 * @property {'credential' | 'parameter' | 'notice'} kind
 * @property {string} name The parameter's name, or an empty string for the other kinds.
 * @property {string} label The label n8n shows (its first line), or a notice's text.
 */

/**
 * Reads the visible rows of the node's Parameters tab in display order: the credential
 * selector, each top-level parameter with its label, and each notice with its text.
 *
 * n8n 2.41.1 wraps every top-level row in a `parameter-item` container. The credential
 * selector shares the first parameter's container, and a notice's container has no label. The
 * Settings tab's rows share the panel but are hidden, and the rows inside a collection sit in
 * their collection's container, so both are left out.
 *
 * @param {Locator} ndv
 * @returns {Promise<ParameterRow[]>}
 */
function readParameterRows(ndv) {
	return ndv.locator('[data-test-id="node-parameters"]').evaluate((root) => {
		const ROW = '[data-test-id="parameter-item"]';
		/** @param {any} element */
		const firstLine = (element) =>
			String(element?.innerText ?? '')
				.split('\n')[0]
				.trim();
		/** @type {Array<{ kind: 'credential' | 'parameter' | 'notice', name: string, label: string }>} */
		const rows = [];
		for (const item of root.querySelectorAll(ROW)) {
			if (item.parentElement?.closest(ROW) || !item.checkVisibility()) continue;
			const credentialLabel = item.querySelector('[data-test-id="credentials-label"] label');
			if (credentialLabel && credentialLabel.checkVisibility()) {
				rows.push({ kind: 'credential', name: '', label: firstLine(credentialLabel) });
			}
			const label = [...item.querySelectorAll('[data-test-id="input-label"] label')].find(
				(candidate) => candidate.closest(ROW) === item,
			);
			if (label) {
				const text = firstLine(label.querySelector('span.n8n-text') ?? label);
				rows.push({ kind: 'parameter', name: label.getAttribute('for') ?? '', label: text });
			} else if (!credentialLabel) {
				rows.push({ kind: 'notice', name: '', label: String(item.innerText ?? '').trim() });
			}
		}
		return rows;
	});
}

/**
 * Polls the Parameters tab until `isExpected` accepts its rows and returns them, because Vue
 * re-renders after a change asynchronously. After PARAMETER_POLL_TIMEOUT_MS it returns the last
 * rows read, so the caller's assertion shows the difference.
 *
 * @param {Locator} ndv
 * @param {(rows: ParameterRow[]) => boolean} isExpected
 */
async function waitForParameterRows(ndv, isExpected) {
	const deadline = Date.now() + PARAMETER_POLL_TIMEOUT_MS;
	let rows = await readParameterRows(ndv);
	while (!isExpected(rows) && Date.now() < deadline) {
		await sleep(POLL_INTERVAL_MS);
		rows = await readParameterRows(ndv);
	}
	return rows;
}

/**
 * Opens a select (an element that contains its input), picks an option by its display name,
 * waits until the input shows it and the dropdown has closed, and returns the display names the
 * dropdown offered. Throws when no option has that name.
 *
 * @param {Page} page
 * @param {Locator} select
 * @param {string} optionName
 * @returns {Promise<string[]>}
 */
async function pickOption(page, select, optionName) {
	const input = select.locator('input').first();
	await input.click();
	// Every select's items stay in the DOM; the role query matches the visible ones only.
	const options = page.getByRole('option');
	await options.first().waitFor();
	// An option's text continues with its description on the next line.
	const offered = (await options.allInnerTexts()).map((text) => text.split('\n')[0].trim());
	const index = offered.indexOf(optionName);
	if (index === -1) {
		throw new Error(
			`The select offers no option "${optionName}". It offers: ${offered.join(', ')}`,
		);
	}
	await options.nth(index).click();
	await page.waitForFunction(
		([element, expected]) => /** @type {any} */ (element)?.value === expected,
		/** @type {const} */ ([await input.elementHandle(), optionName]),
	);
	await waitForOverlaysClosed(page);
	return offered;
}

/**
 * Picks an option of an options parameter by its display name, like `pickOption`.
 *
 * @param {Page} page
 * @param {Locator} ndv
 * @param {string} parameterName
 * @param {string} optionName
 */
function selectParameterOption(page, ndv, parameterName, optionName) {
	return pickOption(
		page,
		ndv.locator(`[data-test-id="parameter-input-${parameterName}"]`),
		optionName,
	);
}

/**
 * Waits until no dropdown or tooltip is visible, including one that is still fading out.
 *
 * @param {Page} page
 */
async function waitForOverlaysClosed(page) {
	await page.waitForFunction((selector) => {
		const document = /** @type {any} */ (globalThis).document;
		return ![...document.querySelectorAll(selector)].some((element) =>
			element.checkVisibility({ opacityProperty: true, visibilityProperty: true }),
		);
	}, OVERLAY_SELECTOR);
}

/**
 * Saves a PNG screenshot once every dropdown and tooltip has closed. The mouse moves to the
 * page's top left corner first, so no hover tooltip stays open.
 *
 * @param {Page} page
 * @param {string} file
 * @param {{ clip?: { x: number, y: number, width: number, height: number } }} [options]
 *   `clip` is in CSS pixels of the viewport.
 */
async function saveScreenshot(page, file, { clip } = {}) {
	await page.mouse.move(1, 1);
	await waitForOverlaysClosed(page);
	fs.mkdirSync(path.dirname(file), { recursive: true });
	await page.screenshot({ path: file, type: 'png', clip, animations: 'disabled' });
}

/**
 * Saves a PNG of the node details view's parameter column, the part worth reading in a README,
 * cut off below the last visible parameter. When `scrollTo` names a parameter, the column first
 * scrolls so that its row sits 8 px below the tab header, as far as the list's length allows.
 * The focused field is blurred, so no input shows its focus ring.
 *
 * @param {Page} page
 * @param {Locator} ndv
 * @param {string} file
 * @param {{ scrollTo?: string }} [options]
 */
async function saveParameterPanelScreenshot(page, ndv, file, { scrollTo } = {}) {
	const panel = ndv.locator('.node-settings');
	const box = await panel.boundingBox();
	if (!box) throw new Error('The node details view shows no parameter panel to capture');

	const contentBottom = await panel.evaluate((settings, parameterName) => {
		const ROW = '[data-test-id="parameter-item"]';
		/** @type {any} */ (settings.ownerDocument.activeElement)?.blur?.();
		const root = settings.querySelector('[data-test-id="node-parameters"]');
		const label = root?.querySelector(`[data-test-id="input-label"] label[for="${parameterName}"]`);
		const item = parameterName ? label?.closest(ROW) : undefined;
		if (item) {
			item.scrollIntoView({ block: 'start' });
			// Then move the row to 8 px below the tab header, which either covers the top of the
			// list or sits above it. The header is the panel's child that contains the tab list.
			let header = settings.querySelector('[role="tablist"]');
			while (header && header.parentElement !== settings) header = header.parentElement;
			let scroller = item.parentElement;
			while (scroller && scroller.scrollHeight <= scroller.clientHeight) {
				scroller = scroller.parentElement;
			}
			if (header && scroller) {
				const gap = item.getBoundingClientRect().top - header.getBoundingClientRect().bottom;
				scroller.scrollTop -= 8 - gap;
			}
		}
		const rows = [...(root?.querySelectorAll(ROW) ?? [])].filter(
			(row) => !row.parentElement?.closest(ROW) && row.checkVisibility(),
		);
		return Math.max(0, ...rows.map((row) => row.getBoundingClientRect().bottom));
	}, scrollTo);

	// 16 px of white below the last row, within the panel.
	const bottom = Math.min(box.y + box.height, contentBottom > 0 ? contentBottom + 16 : Infinity);
	await saveScreenshot(page, file, { clip: { ...box, height: bottom - box.y } });
}

module.exports = {
	CHROMIUM_ARGS,
	VIEWPORT,
	launchEditorBrowser,
	signIn,
	openWorkflow,
	canvasNode,
	openNodeDetails,
	closeNodeDetails,
	readParameterRows,
	waitForParameterRows,
	pickOption,
	selectParameterOption,
	waitForOverlaysClosed,
	saveScreenshot,
	saveParameterPanelScreenshot,
};
