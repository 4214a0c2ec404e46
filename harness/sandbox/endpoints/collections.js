'use strict';
/**
 * The `collections` group: obligations (insert with POST, update with PUT, query), gestiones (insert, query) and the
 * bulk load of case files. Ids travel as `wolkvox_id`, with an underscore.
 */

const { MSG, ok, required, notFound, bulkSummary } = require('../envelopes.js');
const rules = require('../rules/collections.js');
const { validateFieldQuery } = require('../rules/records.js');
const { CASE_FILES } = require('../store.js');
const { isPlainObject, isFilled, describe, newWolkvoxId } = require('../values.js');
const { refusal, queryEndpoint } = require('./shared.js');

/** @typedef {import('./shared.js').Endpoint} Endpoint */

/** Decision: the case file need not exist (an unknown id gets its own list). @type {Endpoint} */
const insertObligation = {
	body: 'json',
	run({ store }, { params }) {
		const refused = refusal(rules.validateObligation(params));
		if (refused) return refused;
		const fields = /** @type {Record<string, unknown>} */ (params.fields);
		return ok(MSG.CREATED, { wolkvox_id: store.upsertObligation(String(params.wolkvox_id), fields, 'insertObligation') });
	},
};

/** PUT on insertObligation.php: the case file and its obligation must exist. @type {Endpoint} */
const updateObligation = {
	body: 'json',
	run({ store }, { params }) {
		const refused = refusal(rules.validateObligation(params, { update: true }));
		if (refused) return refused;
		const caseId = String(params.wolkvox_id);
		const fields = /** @type {Record<string, unknown>} */ (params.fields);
		if (!store.getRecord(CASE_FILES, caseId)) return notFound(`wolkvox_id ${JSON.stringify(caseId)} is not a collections record (case file)`);
		const id = store.updateObligation(caseId, String(fields.id), fields);
		if (id === undefined) return notFound(`the case file ${JSON.stringify(caseId)} has no obligation with id ${JSON.stringify(String(fields.id))}`);
		return ok(MSG.UPDATED, { wolkvox_id: id });
	},
	madeUp: () => ok(MSG.UPDATED, { wolkvox_id: newWolkvoxId() }),
};

/** The obligations of one case file whose id or name is `obligation` (none for an unknown case file). */
const queryObligation = queryEndpoint(rules.validateObligationQuery, (store, params) => {
	const wanted = String(params.obligation);
	return store.obligationsOf(String(params.wolkvox_id)).filter((o) => String(o.id) === wanted || String(o.name) === wanted);
});

/** @type {Endpoint} */
const insertGestion = {
	body: 'json',
	run({ store }, { params }) {
		const refused = refusal(rules.validateGestion(params.fields));
		if (refused) return refused;
		return ok(MSG.CREATED, { wolkvox_id: store.addGestion(/** @type {Record<string, unknown>} */ (params.fields)) });
	},
};

/** Gestiones whose `field` (e.g. customer_id, wolkvox_idRecord) equals `value`. */
const queryGestion = queryEndpoint(
	(params) => validateFieldQuery(params),
	(store, params) => store.queryGestiones(String(params.field), String(params.value)),
);

/**
 * Bulk load. Valid case files are upserted by Identification (obligations by id within it);
 * invalid ones are counted and described, never partially stored.
 * @type {Endpoint}
 */
const massiveCollections = {
	body: 'json',
	run({ store }, { params }) {
		const list = params.collections;
		if (!Array.isArray(list) || list.length === 0) {
			return required(`collections is required and must be a non-empty array of case files (got ${describe(list)})`);
		}
		/** @type {{ index: number, Identification: string|null, error: string }[]} */
		const failed = [];
		let inserted = 0;
		for (let i = 0; i < list.length; i++) {
			const cf = list[i];
			const problems = rules.validateCaseFile(cf);
			if (problems.length) {
				const ident = isPlainObject(cf) && isFilled(cf.Identification) ? String(cf.Identification) : null;
				failed.push({ index: i, Identification: ident, error: problems.join('; ') });
				continue;
			}
			store.upsertCaseFile(/** @type {Record<string, unknown>} */ (cf));
			inserted++;
		}
		return bulkSummary(list.length, inserted, failed);
	},
	madeUp: (params) => {
		const n = Array.isArray(params.collections) ? params.collections.length : 0;
		return bulkSummary(n, n, []);
	},
};

module.exports = { insertObligation, updateObligation, queryObligation, insertGestion, queryGestion, massiveCollections };
