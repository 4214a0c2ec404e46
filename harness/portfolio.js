'use strict';
/**
 * Deterministic generator of a flat collections portfolio, as users export it from Google Sheets, an XLSX/CSV
 * file or a database: one row per obligation, the customer's columns repeated on each of that customer's rows,
 * Spanish headers. The benchmark and the bulk tests use it.
 *
 *   const { generatePortfolio, describePortfolio, withDefects } = require('./harness/portfolio');
 *   const rows = generatePortfolio(10000);            // same rows for the same (count, seed), on any machine
 *   const { rows: mixed, broken } = withDefects(rows, { defects: [{ correo: '' }], share: 0.15 });
 *
 * The mix (all rows valid for the node, so every row should reach wolkvox):
 * - customers hold 1–7 obligations (weights 8/12/18/24/18/12/8 %: 4.0 on average); the last customer is cut
 *   short when the row count is reached;
 * - about a third of the rows are swapped with a random other row, so most customers' rows are not adjacent;
 * - `identificacion`: 8–10 digit cédulas as text (60 %), as sheet numbers (28 %), with a leading zero as text
 *   (10 %), with stray spaces (2 %; as plain text with `strayIdSpaces: false`);
 * - `telefono`: `3xxxxxxxxx` as text (70 %), as a number (20 %), `+57 3xx xxx xxxx` (10 %);
 * - `direccion`: Colombian street addresses, 10 % of customers without one (optional field);
 * - `obligacion_id`: unique; `OBL-000123456` (70 %), digits with leading zeros (20 %), a number (10 %);
 * - `saldo_total` / `ultimo_pago`: `1.234.567,89` (45 %), JS number (25 %), `1234567.89` (15 %),
 *   `$ 1.234.567` (10 %), `1,234,567.89` (5 %); `ultimo_pago` and `fecha_ultimo_pago` empty for 15 % of rows;
 * - `fecha_vencimiento` / `fecha_ultimo_pago`: ISO `2026-03-15` (35 %), ISO date-time as n8n gives it (5 %),
 *   `15/03/2026` (35 %), sheet serial number such as 46096 (25 %);
 * - `dias_mora`: a number (80 %) or its text (20 %).
 * Rows are JSON round-tripped one by one, so their strings are flat, as in items n8n parsed from JSON.
 *
 * `generatePortfolio` is self-contained (no outer references): its source can be embedded in an n8n Code node
 * (`generatePortfolio.toString()`) to produce the very same rows there.
 */

/**
 * @param {number} count number of rows
 * @param {{ seed?: number, shuffle?: number, strayIdSpaces?: boolean }} [options] seed of the PRNG (default
 *   20261123); share of rows swapped with a random other row (default 0.35); whether 2 % of the ids carry stray
 *   spaces (default true; the same rows otherwise)
 * @returns {Array<Record<string, string|number>>}
 */
function generatePortfolio(count, options) {
	const opts = options || {};
	let state = (opts.seed === undefined ? 20261123 : opts.seed) >>> 0;
	const shuffleShare = opts.shuffle === undefined ? 0.35 : opts.shuffle;
	const strayIdSpaces = opts.strayIdSpaces !== false;
	// mulberry32
	const random = () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	const int = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));
	const pick = (list) => list[Math.floor(random() * list.length)];
	const digits = (n) => {
		let s = '';
		for (let i = 0; i < n; i++) s += String(Math.floor(random() * 10));
		return s;
	};

	const FIRST = [
		'Ana',
		'Andrés',
		'Beatriz',
		'Camilo',
		'Carolina',
		'Carlos',
		'Daniela',
		'David',
		'Diana',
		'Eduardo',
		'Elena',
		'Felipe',
		'Gabriela',
		'Germán',
		'Isabel',
		'Iván',
		'Javier',
		'Jimena',
		'Jorge',
		'José',
		'Juan',
		'Julián',
		'Laura',
		'Lucía',
		'Luis',
		'Manuel',
		'María',
		'Mariana',
		'Martín',
		'Natalia',
		'Nicolás',
		'Óscar',
		'Paola',
		'Pedro',
		'Ramiro',
		'Sandra',
		'Santiago',
		'Sofía',
		'Tomás',
		'Valentina',
		'Víctor',
		'Yolanda',
	];
	const LAST = [
		'Álvarez',
		'Arango',
		'Becerra',
		'Cárdenas',
		'Castaño',
		'Castro',
		'Díaz',
		'Echeverri',
		'Escobar',
		'Fernández',
		'Gaitán',
		'García',
		'Gómez',
		'González',
		'Gutiérrez',
		'Hernández',
		'Jaramillo',
		'López',
		'Martínez',
		'Mejía',
		'Moreno',
		'Muñoz',
		'Núñez',
		'Ospina',
		'Pérez',
		'Quintero',
		'Ramírez',
		'Restrepo',
		'Rodríguez',
		'Rojas',
		'Salazar',
		'Sánchez',
		'Suárez',
		'Torres',
		'Urrego',
		'Valencia',
		'Vargas',
		'Zapata',
	];
	const DOMAINS = [
		'gmail.com',
		'hotmail.com',
		'outlook.com',
		'yahoo.es',
		'correo.com.co',
		'empresa.com.co',
	];
	const STREETS = [
		'Calle',
		'Carrera',
		'Avenida',
		'Diagonal',
		'Transversal',
		'Avenida Calle',
		'Avenida Carrera',
	];
	const CITIES = [
		'Bogotá',
		'Medellín',
		'Cali',
		'Barranquilla',
		'Cartagena',
		'Bucaramanga',
		'Pereira',
		'Manizales',
		'Cúcuta',
		'Ibagué',
		'Santa Marta',
		'Villavicencio',
		'Pasto',
		'Montería',
		'Neiva',
	];
	const PRODUCTS = [
		'Tarjeta de crédito',
		'Crédito de libre inversión',
		'Crédito vehicular',
		'Libranza',
		'Microcrédito',
		'Crédito hipotecario',
		'Cupo rotativo',
		'Crédito educativo',
		'Sobregiro',
	];
	const PORTFOLIOS = ['Consumo', 'Comercial', 'Vivienda', 'Microcrédito', 'Castigada'];
	const OBLIGATION_WEIGHTS = [8, 12, 18, 24, 18, 12, 8]; // 1..7 obligations; mean 4.0

	const plain = (s) =>
		s
			.normalize('NFD')
			.replace(/[\u0300-\u036f]/g, '')
			.toLowerCase();
	const group3 = (intText, mark) => {
		let out = '';
		for (let i = 0; i < intText.length; i++) {
			if (i > 0 && (intText.length - i) % 3 === 0) out += mark;
			out += intText[i];
		}
		return out;
	};
	/** An amount in pesos, written one of the ways sheets hold them. */
	const amount = (lo, hi) => {
		const pesos = Math.round(Math.exp(Math.log(lo) + random() * (Math.log(hi) - Math.log(lo))));
		const cents = random() < 0.4 ? int(1, 99) : 0;
		const intText = String(pesos);
		const centsText = cents < 10 ? '0' + cents : String(cents);
		const r = random();
		if (r < 0.45) return group3(intText, '.') + (cents ? ',' + centsText : '');
		if (r < 0.7) return cents ? Number(intText + '.' + centsText) : pesos;
		if (r < 0.85) return intText + (cents ? '.' + centsText : '');
		if (r < 0.95) return '$ ' + group3(intText, '.');
		return group3(intText, ',') + (cents ? '.' + centsText : '');
	};
	const DAY_MS = 86400000;
	const SERIAL_EPOCH = Date.UTC(1899, 11, 30);
	const pad = (n) => (n < 10 ? '0' + n : String(n));
	/** A date between two UTC days, written one of the ways sheets and databases hold them. */
	const date = (fromMs, toMs) => {
		const ms = fromMs + Math.floor(random() * ((toMs - fromMs) / DAY_MS + 1)) * DAY_MS;
		const d = new Date(ms);
		const y = d.getUTCFullYear();
		const m = pad(d.getUTCMonth() + 1);
		const day = pad(d.getUTCDate());
		const r = random();
		if (r < 0.35) return `${y}-${m}-${day}`;
		if (r < 0.4) return `${y}-${m}-${day}T00:00:00.000-05:00`;
		if (r < 0.75) return `${day}/${m}/${y}`;
		return Math.round((ms - SERIAL_EPOCH) / DAY_MS);
	};
	const DUE_FROM = Date.UTC(2024, 0, 1);
	const DUE_TO = Date.UTC(2027, 11, 31);
	const PAID_FROM = Date.UTC(2024, 0, 1);
	const PAID_TO = Date.UTC(2025, 10, 30);

	const usedIds = new Set();
	const rows = [];
	let obligationSeq = 0;
	while (rows.length < count) {
		// Customer
		let idText;
		do idText = String(int(1, 9)) + digits(int(7, 9));
		while (usedIds.has(idText));
		usedIds.add(idText);
		const idStyle = random();
		let identificacion;
		if (idStyle < 0.6) identificacion = idText;
		else if (idStyle < 0.88) identificacion = Number(idText);
		else if (idStyle < 0.98) identificacion = '0' + idText.slice(1);
		else identificacion = strayIdSpaces ? ' ' + idText + ' ' : idText;
		if (idStyle >= 0.88 && idStyle < 0.98) {
			if (usedIds.has(identificacion)) continue;
			usedIds.add(identificacion);
		}
		const first = pick(FIRST);
		const second = random() < 0.3 ? ' ' + pick(FIRST) : '';
		const last1 = pick(LAST);
		const last2 = pick(LAST);
		const nombre = `${first}${second} ${last1} ${last2}`;
		const correo = `${plain(first)}.${plain(last1)}${int(1, 999)}@${pick(DOMAINS)}`;
		const phoneDigits = '3' + String(int(0, 2)) + String(int(0, 9)) + digits(7);
		const phoneStyle = random();
		const telefono =
			phoneStyle < 0.7
				? phoneDigits
				: phoneStyle < 0.9
					? Number(phoneDigits)
					: `+57 ${phoneDigits.slice(0, 3)} ${phoneDigits.slice(3, 6)} ${phoneDigits.slice(6)}`;
		const direccion =
			random() < 0.1
				? ''
				: `${pick(STREETS)} ${int(1, 170)}${random() < 0.2 ? ' ' + pick(['A', 'B', 'C', 'Bis']) : ''} # ${int(1, 120)}-${int(1, 99)}, ${pick(CITIES)}`;

		// Obligations
		let w = random() * 100;
		let obligations = 1;
		for (let k = 0; k < OBLIGATION_WEIGHTS.length; k++) {
			w -= OBLIGATION_WEIGHTS[k];
			if (w < 0) {
				obligations = k + 1;
				break;
			}
		}
		for (let k = 0; k < obligations && rows.length < count; k++) {
			obligationSeq++;
			const seqText = String(100000000 + obligationSeq * 7 + int(0, 6)).slice(1); // 8 digits, unique
			const idKind = random();
			const obligacion_id =
				idKind < 0.7 ? 'OBL-0' + seqText : idKind < 0.9 ? '000' + seqText : Number('7' + seqText);
			const saldo = amount(50000, 80000000);
			const paid = random() >= 0.15;
			const mora = int(0, 720);
			const row = {
				identificacion,
				nombre,
				correo,
				telefono,
				direccion,
				obligacion_id,
				producto: pick(PRODUCTS),
				saldo_total: saldo,
				fecha_vencimiento: date(DUE_FROM, DUE_TO),
				dias_mora: random() < 0.8 ? mora : String(mora),
				tipo_cartera: pick(PORTFOLIOS),
				ultimo_pago: paid ? amount(20000, 5000000) : '',
				fecha_ultimo_pago: paid ? date(PAID_FROM, PAID_TO) : '',
			};
			// Flat strings, as in items parsed from JSON (concatenation would leave rope strings behind).
			rows.push(JSON.parse(JSON.stringify(row)));
		}
	}

	// Partial shuffle: about a third of the rows trade places with a random row anywhere in the sheet.
	for (let i = 0; i < rows.length; i++) {
		if (random() >= shuffleShare) continue;
		const j = Math.floor(random() * rows.length);
		const t = rows[i];
		rows[i] = rows[j];
		rows[j] = t;
	}
	return rows;
}

/**
 * Counts of a generated portfolio: customers, obligations per customer, how many customers' rows are not all
 * adjacent, and how values are written.
 * @param {Array<Record<string, unknown>>} rows
 */
function describePortfolio(rows) {
	const byCustomer = new Map();
	rows.forEach((row, i) => {
		const key = String(row.identificacion).trim();
		const list = byCustomer.get(key);
		if (list) list.push(i);
		else byCustomer.set(key, [i]);
	});
	let scattered = 0;
	let maxObligations = 0;
	for (const list of byCustomer.values()) {
		if (list[list.length - 1] - list[0] !== list.length - 1) scattered++;
		if (list.length > maxObligations) maxObligations = list.length;
	}
	const count = (pred) => rows.reduce((n, r) => n + (pred(r) ? 1 : 0), 0);
	return {
		rows: rows.length,
		customers: byCustomer.size,
		obligationsPerCustomer: byCustomer.size ? rows.length / byCustomer.size : 0,
		maxObligations,
		customersNotAdjacent: scattered,
		leadingZeroIds: count(
			(r) => typeof r.identificacion === 'string' && r.identificacion.startsWith('0'),
		),
		spanishAmounts: count(
			(r) => typeof r.saldo_total === 'string' && /^\d{1,3}(\.\d{3})+(,\d+)?$/.test(r.saldo_total),
		),
		serialDates: count((r) => typeof r.fecha_vencimiento === 'number'),
		dayFirstDates: count(
			(r) => typeof r.fecha_vencimiento === 'string' && r.fecha_vencimiento.includes('/'),
		),
	};
}

/**
 * A portfolio as sheets really come: a copy of `rows` in which `share` of the rows get one of `defects` each (in
 * turn, by row index), and `customerOnlyShare` of the others get `customerOnly` (e.g. their obligation cells emptied:
 * a row that only carries the customer). Deterministic for a seed. `broken` holds the indexes of the rows given a
 * defect.
 * @param {ReadonlyArray<Readonly<Record<string, unknown>>>} rows
 * @param {{ defects: Array<Record<string, unknown>>, share: number, customerOnly?: Record<string, unknown>,
 *   customerOnlyShare?: number, seed?: number }} o
 * @returns {{ rows: Array<Record<string, unknown>>, broken: Set<number> }}
 */
function withDefects(rows, o) {
	let state = (o.seed === undefined ? 7 : o.seed) % 2147483648;
	const next = () => {
		state = (state * 1103515245 + 12345) % 2147483648;
		return state / 2147483648;
	};
	const broken = new Set();
	const out = rows.map((row, i) => {
		if (next() < o.share) {
			broken.add(i);
			return { ...row, ...o.defects[i % o.defects.length] };
		}
		if (o.customerOnly && next() < (o.customerOnlyShare || 0)) return { ...row, ...o.customerOnly };
		return { ...row };
	});
	return { rows: out, broken };
}

module.exports = { generatePortfolio, describePortfolio, withDefects };
