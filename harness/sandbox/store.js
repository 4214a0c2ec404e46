'use strict';
/**
 * What the sandbox CRM has stored: records by module, obligations by case file and id, gestiones. Case files are
 * the records of module `collections` (bulk-loaded ones and those inserted one by one alike), found by
 * Identification through an index; cases are the records of module `cases`. Writes bump a version, so a call can
 * tell whether it stored anything.
 */

const { isPlainObject, isFilled, matchesValue, newWolkvoxId, wolkvoxNow } = require('./values.js');

const CASE_FILES = 'collections';
const CASES = 'cases';

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

/** @param {Record<string, unknown>} record @returns {string|null} */
function identificationOf(record) {
	return isFilled(record.Identification) ? String(record.Identification) : null;
}

function createStore() {
	/** @type {Map<string, Map<string, Record<string, unknown>>>} module -> wolkvox_id -> record */
	let records = new Map();
	/** @type {Map<string, string>} Identification -> wolkvox_id of its case file (a record of `collections`) */
	let caseFileIds = new Map();
	/** @type {Map<string, Map<string, Record<string, unknown>>>} case-file wolkvox_id -> obligation id -> obligation */
	let obligations = new Map();
	/** @type {Record<string, unknown>[]} */
	let gestiones = [];
	let casesNumbered = 0;
	/** Bumped by every change to the stored data. */
	let version = 0;

	/** @param {string} module */
	function moduleRecords(module) {
		let m = records.get(module);
		if (!m) records.set(module, (m = new Map()));
		return m;
	}

	/** The first case file with an Identification keeps it in the index. @param {Record<string, unknown>} record */
	function indexCaseFile(record) {
		const ident = identificationOf(record);
		if (ident !== null && !caseFileIds.has(ident)) caseFileIds.set(ident, /** @type {string} */ (record.wolkvox_id));
	}

	/** @param {Record<string, unknown>} record */
	function unindexCaseFile(record) {
		const ident = identificationOf(record);
		if (ident !== null && caseFileIds.get(ident) === record.wolkvox_id) caseFileIds.delete(ident);
	}

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

	/**
	 * A new record of `module` with the vendor's system fields.
	 * @param {string} module
	 * @param {Record<string, unknown>} fields
	 * @param {unknown} [type] the body's `type` (kept as wolkvox_type when given)
	 * @returns {string} its wolkvox_id
	 */
	function insertRecord(module, fields, type) {
		const id = newWolkvoxId();
		const now = wolkvoxNow();
		/** @type {Record<string, unknown>} */
		const record = { ...fields, wolkvox_id: id, wolkvox_fecha_creacion: now, wolkvox_fecha_modificacion: now };
		if (type !== undefined) record.wolkvox_type = type;
		moduleRecords(module).set(id, record);
		if (module === CASE_FILES) indexCaseFile(record);
		version++;
		return id;
	}

	/**
	 * Changes the given fields of a stored record.
	 * @param {string} module
	 * @param {string} id
	 * @param {Record<string, unknown>} fields
	 * @returns {boolean} false when no such record
	 */
	function updateRecord(module, id, fields) {
		const m = records.get(module);
		const record = m && m.get(id);
		if (!m || !record) return false;
		const updated = { ...record, ...fields, wolkvox_id: id, wolkvox_fecha_modificacion: wolkvoxNow() };
		if (module === CASE_FILES) unindexCaseFile(record);
		m.set(id, updated);
		if (module === CASE_FILES) indexCaseFile(updated);
		version++;
		return true;
	}

	return {
		version: () => version,

		clear() {
			records = new Map();
			caseFileIds = new Map();
			obligations = new Map();
			gestiones = [];
			casesNumbered = 0;
			version++;
		},

		insertRecord,
		updateRecord,

		/** @param {string} module @param {string} id @returns {Record<string, unknown>|undefined} a copy */
		getRecord(module, id) {
			const record = records.get(module)?.get(id);
			return record && { ...record };
		},

		/**
		 * Removes records (a case file with its obligations).
		 * @param {string} module
		 * @param {string[]} ids ids that exist
		 */
		deleteRecords(module, ids) {
			const m = records.get(module);
			if (!m) return;
			for (const id of ids) {
				const record = m.get(id);
				if (!record) continue;
				m.delete(id);
				if (module === CASE_FILES) {
					unindexCaseFile(record);
					obligations.delete(id);
				}
				version++;
			}
		},

		/**
		 * Records of `module` whose `field` equals `wanted` (typed values compare their `value`).
		 * @param {string} module
		 * @param {string} field
		 * @param {string} wanted
		 * @returns {Record<string, unknown>[]}
		 */
		queryRecords(module, field, wanted) {
			/** @type {Record<string, unknown>[]} */
			const found = [];
			for (const r of records.get(module)?.values() || []) {
				if (matchesValue(r[field], wanted)) found.push({ ...r });
			}
			return found;
		},

		/**
		 * Records of `module` created between `from` and `to` (both `YYYY-MM-DD HH:mm:ss`, inclusive), oldest first.
		 * @param {string} module
		 * @param {string} from
		 * @param {string} to
		 * @returns {Record<string, unknown>[]}
		 */
		recordsCreatedBetween(module, from, to) {
			/** @type {Record<string, unknown>[]} */
			const found = [];
			for (const r of records.get(module)?.values() || []) {
				const created = String(r.wolkvox_fecha_creacion);
				if (created >= from && created <= to) found.push({ ...r });
			}
			// Stable: records created in the same second keep their insertion order.
			return found.sort((a, b) => String(a.wolkvox_fecha_creacion).localeCompare(String(b.wolkvox_fecha_creacion)));
		},

		/** The next case number (idCase), from 1 after each reset. */
		nextCaseNumber: () => ++casesNumbered,

		upsertObligation,

		/**
		 * Changes the given fields of an obligation.
		 * @param {string} caseId
		 * @param {string} obligationId
		 * @param {Record<string, unknown>} fields
		 * @returns {string|undefined} its wolkvox_id, or undefined when there is no such obligation
		 */
		updateObligation(caseId, obligationId, fields) {
			const existing = obligations.get(caseId)?.get(obligationId);
			if (!existing) return undefined;
			return upsertObligation(caseId, { ...existing, ...fields, id: obligationId }, /** @type {string} */ (existing.source));
		},

		/**
		 * A case file upserted by Identification, its obligations by id within it.
		 * @param {Record<string, unknown>} caseFile a valid case file
		 */
		upsertCaseFile(caseFile) {
			const ident = String(caseFile.Identification);
			const { Obligations: obls, ...caseFields } = caseFile;
			const fields = { ...caseFields, Identification: ident };
			let caseId = caseFileIds.get(ident);
			if (caseId === undefined || !updateRecord(CASE_FILES, caseId, fields)) caseId = insertRecord(CASE_FILES, fields);
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

		/** Gestiones whose `field` equals `wanted`. @param {string} field @param {string} wanted */
		queryGestiones(field, wanted) {
			return gestiones.filter((g) => matchesValue(g[field], wanted)).map((g) => ({ ...g }));
		},

		counts() {
			/** @type {Record<string, number>} */
			const byModule = {};
			for (const [module, m] of records) byModule[module] = m.size;
			let obligationCount = 0;
			for (const m of obligations.values()) obligationCount += m.size;
			return {
				records: byModule,
				caseFiles: byModule[CASE_FILES] || 0,
				cases: byModule[CASES] || 0,
				obligations: obligationCount,
				gestiones: gestiones.length,
			};
		},

		/**
		 * Snapshot of what is stored (plain arrays, safe to inspect). `caseFiles` and `cases` are the records of
		 * modules `collections` and `cases`, whatever the module filter.
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
				caseFiles: take(records.get(CASE_FILES)?.values() || [], limit),
				cases: take(records.get(CASES)?.values() || [], limit),
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

module.exports = { createStore, CASE_FILES, CASES };
