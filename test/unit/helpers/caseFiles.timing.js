/**
 * Timing sanity check for the Bulk Collections grouping (issue 5). Not a test: run it by hand.
 *
 *   node --expose-gc test/unit/helpers/caseFiles.timing.js [rows=100000] [--shuffle]
 *
 * Generates a portfolio of flat rows (about four obligations per customer, Spanish headers and amounts, some
 * leading-zero ids, day-first dates and sheet serials), then times resolveMapping + groupRowsIntoCaseFiles
 * against JSON.stringify of the bodies they produce, sent as batches of 100 case files. The first run is the one
 * a node execution pays (cold JIT); the median of the following runs is shown beside it. With --expose-gc the
 * garbage of earlier runs is collected before each timing.
 */
'use strict';
const fs = require('fs');
const path = require('path');
const ts = require('typescript');

// Load the TypeScript sources directly, so the script needs no build.
require.extensions['.ts'] = (module, filename) => {
	const source = fs.readFileSync(filename, 'utf8');
	const { outputText } = ts.transpileModule(source, {
		compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 },
		fileName: filename,
	});
	module._compile(outputText, filename);
};

const { groupRowsIntoCaseFiles, resolveMapping, chunk } = require(
	path.join(__dirname, '../../../nodes/WolkvoxCrm/helpers/caseFiles.ts'),
);

/** Small deterministic PRNG so runs compare. */
function prng(seed) {
	let s = seed >>> 0;
	return () => {
		s = (s + 0x6d2b79f5) >>> 0;
		let t = s;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const FIRST = [
	'Ana',
	'Bruno',
	'Carla',
	'Diego',
	'Elena',
	'Fabián',
	'Gloria',
	'Héctor',
	'Inés',
	'Jorge',
	'Lucía',
	'Martín',
];
const LAST = [
	'Pérez',
	'Gómez',
	'Rodríguez',
	'Díaz',
	'Martínez',
	'López',
	'García',
	'Sánchez',
	'Ramírez',
	'Torres',
];
const PRODUCTS = [
	'Tarjeta de crédito',
	'Crédito de libre inversión',
	'Crédito vehicular',
	'Microcrédito',
	'Libranza',
];
const PORTFOLIOS = ['Castigada', 'Vigente', 'Mora temprana', 'Mora tardía'];
const CITIES = ['Bogotá', 'Medellín', 'Cali', 'Barranquilla', 'Cartagena'];

function spanishAmount(n) {
	const [int, dec] = n.toFixed(2).split('.');
	return `${int.replace(/\B(?=(\d{3})+(?!\d))/g, '.')},${dec}`;
}

function pad(n) {
	return n < 10 ? `0${n}` : String(n);
}

/** Flat rows as a Google Sheets / Extract From File node would give them. */
function generatePortfolio(rowCount, { seed = 42, shuffle = false } = {}) {
	const rnd = prng(seed);
	const rows = [];
	let customer = 0;
	while (rows.length < rowCount) {
		customer++;
		const leadingZero = rnd() < 0.2;
		const identificacion = (leadingZero ? '00' : '') + String(10000000 + customer * 7);
		const nombre = `${FIRST[customer % FIRST.length]} ${LAST[(customer * 7) % LAST.length]}`;
		const correo = `cliente${customer}@example.com`;
		const telefono = rnd() < 0.5 ? 3000000000 + customer : `3${String(100000000 + customer)}`;
		const direccion = `Calle ${1 + (customer % 180)} # ${1 + (customer % 90)}-${10 + (customer % 80)}`;
		const obligations = 1 + Math.floor(rnd() * 7); // 1..7, mean 4
		for (let k = 0; k < obligations && rows.length < rowCount; k++) {
			const saldo = Math.round(rnd() * 50000000) / 100 + 1000;
			const due = new Date(Date.UTC(2025, Math.floor(rnd() * 24), 1 + Math.floor(rnd() * 28)));
			const paid = new Date(Date.UTC(2024, Math.floor(rnd() * 12), 1 + Math.floor(rnd() * 28)));
			rows.push({
				identificacion,
				nombre,
				correo,
				telefono,
				direccion,
				obligacion_id: `OBL-${customer}-${k + 1}`,
				producto: PRODUCTS[(customer + k) % PRODUCTS.length],
				saldo_total: rnd() < 0.7 ? spanishAmount(saldo) : saldo,
				dias_mora: rnd() < 0.5 ? Math.floor(rnd() * 720) : String(Math.floor(rnd() * 720)),
				fecha_vencimiento:
					rnd() < 0.6
						? `${pad(due.getUTCDate())}/${pad(due.getUTCMonth() + 1)}/${due.getUTCFullYear()}`
						: 25569 + Math.floor(due.getTime() / 86400000),
				tipo_cartera: PORTFOLIOS[(customer + k) % PORTFOLIOS.length],
				ultimo_pago: spanishAmount(Math.round(rnd() * 500000) / 100),
				fecha_ultimo_pago: paid.toISOString().slice(0, 10),
				saldo_a_pagar: spanishAmount(Math.round(rnd() * 1000000) / 100),
				ciudad: CITIES[customer % CITIES.length],
				asesor: `Asesor ${1 + (customer % 40)}`,
			});
		}
	}
	if (shuffle) {
		for (let i = rows.length - 1; i > 0; i--) {
			const j = Math.floor(rnd() * (i + 1));
			[rows[i], rows[j]] = [rows[j], rows[i]];
		}
	}
	return rows;
}

function group(rows) {
	const columns = Object.keys(rows[0]);
	const mapping = resolveMapping(columns, { caseFile: {}, obligation: {} });
	return groupRowsIntoCaseFiles(rows, {
		mapping,
		extraColumns: 'caseFile',
		dateInputFormat: 'auto',
	});
}

function stringifyBatches(caseFiles) {
	let bytes = 0;
	for (const batch of chunk(caseFiles, 100)) {
		bytes += JSON.stringify({
			operation: 'moduletest03',
			collections: batch.map((d) => d.body),
		}).length;
	}
	return bytes;
}

function time(fn) {
	// Collect the previous run's garbage first, so that one run does not pay for another.
	if (typeof global.gc === 'function') global.gc();
	const t0 = process.hrtime.bigint();
	const c0 = process.cpuUsage();
	const out = fn();
	const c1 = process.cpuUsage(c0);
	// CPU time as well as wall time: on a shared machine the wall clock also counts other processes' turns.
	return {
		ms: Number(process.hrtime.bigint() - t0) / 1e6,
		cpuMs: (c1.user + c1.system) / 1e3,
		out,
	};
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function main() {
	const rowCount = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 100000);
	const shuffle = process.argv.includes('--shuffle');
	const rows = generatePortfolio(rowCount, { shuffle });
	const rssBefore = process.memoryUsage().rss;

	const first = time(() => group(rows));
	const firstStringify = time(() => stringifyBatches(first.out.caseFiles));
	const rssAfter = process.memoryUsage().rss;
	const nodeRuns = [];
	const stringifyRuns = [];
	const nodeCpu = [];
	const stringifyCpu = [];
	for (let k = 0; k < 7; k++) {
		const g = time(() => group(rows));
		nodeRuns.push(g.ms);
		nodeCpu.push(g.cpuMs);
		const j = time(() => stringifyBatches(g.out.caseFiles));
		stringifyRuns.push(j.ms);
		stringifyCpu.push(j.cpuMs);
	}
	const { caseFiles, rowErrors } = first.out;
	const obligations = caseFiles.reduce((n, d) => n + d.body.Obligations.length, 0);
	const fmt = (x) => x.toFixed(1).padStart(8);
	console.log(
		`rows ${rows.length}${shuffle ? ' (shuffled)' : ''}, case files ${caseFiles.length}, obligations ${obligations}, row errors ${rowErrors.length}`,
	);
	console.log(
		`JSON bytes ${(firstStringify.out / 1e6).toFixed(1)} MB in ${Math.ceil(caseFiles.length / 100)} batches of 100`,
	);
	console.log('                    grouping ms  stringify ms   ratio');
	console.log(
		`first run (cold)   ${fmt(first.ms)}      ${fmt(firstStringify.ms)}   ${(first.ms / firstStringify.ms).toFixed(2)}`,
	);
	console.log(
		`median of 7 (warm) ${fmt(median(nodeRuns))}      ${fmt(median(stringifyRuns))}   ${(median(nodeRuns) / median(stringifyRuns)).toFixed(2)}`,
	);
	console.log(
		`  same, CPU time   ${fmt(median(nodeCpu))}      ${fmt(median(stringifyCpu))}   ${(median(nodeCpu) / median(stringifyCpu)).toFixed(2)}`,
	);
	console.log(
		`rss growth during first grouping + stringify: ${((rssAfter - rssBefore) / 1e6).toFixed(0)} MB`,
	);
	console.log(
		JSON.stringify({
			rows: rows.length,
			caseFiles: caseFiles.length,
			rowErrors: rowErrors.length,
			nodeMsCold: +first.ms.toFixed(1),
			stringifyMsCold: +firstStringify.ms.toFixed(1),
			nodeMsWarm: +median(nodeRuns).toFixed(1),
			stringifyMsWarm: +median(stringifyRuns).toFixed(1),
			nodeCpuMsWarm: +median(nodeCpu).toFixed(1),
			stringifyCpuMsWarm: +median(stringifyCpu).toFixed(1),
		}),
	);
}

module.exports = { generatePortfolio };
if (require.main === module) main();
