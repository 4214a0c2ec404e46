'use strict';
/**
 * What the sandbox CRM has stored: records by module, case files by Identification, obligations by case file and
 * id, gestiones. Writes bump a version, so a call can tell whether it stored anything.
 */

const { isPlainObject, newWolkvoxId, wolkvoxNow } = require('./values.js');

/**
 * @template T
 * @param {Iterable<T>} it
 * @param {number} limit
 * @returns {T[]}
 */
function take(it, limit) {
	/** @type {T[]} */
	const out = [];
	for (const v of it) {
		if (out.length >= limit) break;
		out.push(isPlainObject(v) ? /** @type {T} */ ({ ...v }) : v);
	}
	return out;
}

function createStore() {
	/** @type {Map<string, Map<string, Record<string, unknown>>>} module -> wolkvox_id -> record */
	let records = new Map();
	/** @type {Map<string, Record<string, unknown>>} Identification -> case file (without Obligations) */
	let caseFiles = new Map();
	/** @type {Map<string, Map<string, Record<string, unknown>>>} case-file wolkvox_id -> obligation id -> obligation */
	let obligations = new Map();
	/** @type {Record<string, unknown>[]} */
	let gestiones = [];
	/** Bumped by every change to the stored data. */
	let version = 0;

	/**
	 * @param {string} caseId
	 * @param {Record<string, unknown>} fields
	 * @param {string} source
	 * @returns {string} the obligation's wolkvox_id
	 */
	function upsertObligation(caseId, fields, source) {
		let m = obligations.get(caseId);
		if (!m) obligations.set(caseId, (m = new Map()));
		const key = String(fields.id);
		const existing = m.get(key);
		const id = existing ? /** @type {string} */ (existing.wolkvox_id) : newWolkvoxId();
		m.set(key, { ...(existing || {}), ...fields, id: key, wolkvox_id: id, wolkvox_idRecord: caseId, source });
		version++;
		return id;
	}

	return {
		version: () => version,

		clear() {
			records = new Map();
			caseFiles = new Map();
			obligations = new Map();
			gestiones = [];
			version++;
		},

		/**
		 * A new record of `module` with the vendor's system fields.
		 * @param {string} module
		 * @param {Record<string, unknown>} fields
		 * @param {unknown} type the body's `type` (kept as wolkvox_type when given)
		 * @returns {string} its wolkvox_id
		 */
		insertRecord(module, fields, type) {
			const id = newWolkvoxId();
			const now = wolkvoxNow();
			/** @type {Record<string, unknown>} */
			const record = { ...fields, wolkvox_id: id, wolkvox_fecha_creacion: now, wolkvox_fecha_modificacion: now };
			if (type !== undefined) record.wolkvox_type = type;
			let m = records.get(module);
			if (!m) records.set(module, (m = new Map()));
			m.set(id, record);
			version++;
			return id;
		},

		/**
		 * Records of `module` whose `field` equals `wanted` (typed values compare their `value`).
		 * @param {string} module
		 * @param {string} field
		 * @param {string} wanted
		 * @returns {Record<string, unknown>[]}
		 */
		queryRecords(module, field, wanted) {
			const m = records.get(module);
			/** @type {Record<string, unknown>[]} */
			const found = [];
			if (m) {
				for (const r of m.values()) {
					const v = r[field];
					const plain = isPlainObject(v) ? v.value : v;
					if (plain !== undefined && plain !== null && String(plain) === wanted) found.push({ ...r });
				}
			}
			return found;
		},

		upsertObligation,

		/**
		 * A case file upserted by Identification, its obligations by id within it.
		 * @param {Record<string, unknown>} caseFile a valid case file
		 */
		upsertCaseFile(caseFile) {
			const ident = String(caseFile.Identification);
			const { Obligations: obls, ...caseFields } = caseFile;
			const existing = caseFiles.get(ident);
			const caseId = existing ? /** @type {string} */ (existing.wolkvox_id) : newWolkvoxId();
			caseFiles.set(ident, { ...(existing || {}), ...caseFields, Identification: ident, wolkvox_id: caseId });
			version++;
			if (Array.isArray(obls)) {
				for (const o of obls) upsertObligation(caseId, /** @type {Record<string, unknown>} */ (o), 'massiveCollections');
			}
		},

		/**
		 * @param {Record<string, unknown>} fields
		 * @returns {string} the gestion's wolkvox_id
		 */
		addGestion(fields) {
			const id = newWolkvoxId();
			gestiones.push({ ...fields, wolkvox_id: id, wolkvox_fecha_creacion: wolkvoxNow() });
			version++;
			return id;
		},

		counts() {
			/** @type {Record<string, number>} */
			const byModule = {};
			for (const [module, m] of records) byModule[module] = m.size;
			let obligationCount = 0;
			for (const m of obligations.values()) obligationCount += m.size;
			return { records: byModule, caseFiles: caseFiles.size, obligations: obligationCount, gestiones: gestiones.length };
		},

		/**
		 * Snapshot of what is stored (plain arrays, safe to inspect).
		 * @param {{ module?: string, limit?: number }} [filter]
		 */
		snapshot(filter = {}) {
			const limit = filter.limit === undefined ? Infinity : filter.limit;
			/** @type {Record<string, Record<string, unknown>[]>} */
			const recordsOut = {};
			for (const [module, m] of records) {
				if (filter.module && filter.module !== module) continue;
				recordsOut[module] = take(m.values(), limit);
			}
			/** @type {Record<string, unknown>[]} */
			const obligationsOut = [];
			for (const m of obligations.values()) {
				for (const o of m.values()) {
					if (obligationsOut.length >= limit) break;
					obligationsOut.push({ ...o });
				}
			}
			return {
				records: recordsOut,
				caseFiles: take(caseFiles.values(), limit),
				obligations: obligationsOut,
				gestiones: gestiones.slice(0, limit === Infinity ? undefined : limit).map((g) => ({ ...g })),
			};
		},

		/** @param {string} caseId @returns {Record<string, unknown>[]} the obligations of one case file */
		obligationsOf(caseId) {
			return [...(obligations.get(caseId) || new Map()).values()].map((o) => ({ ...o }));
		},
	};
}

module.exports = { createStore };
