'use strict';
/**
 * The `custom` group: records of any module (insert, insertMany, update, updateMany, delete) and the two queries
 * (by a field's value, by creation date). Ids travel as `wolkvox-id`, with a hyphen.
 */

const { MSG, ok, notFound } = require('../envelopes.js');
const rules = require('../rules/records.js');
const { newWolkvoxId } = require('../values.js');
const { refusal, base64Attachment, idOrNew, queryEndpoint } = require('./shared.js');

const { ID } = rules;

/**
 * @typedef {import('./shared.js').Endpoint} Endpoint
 * @typedef {import('./shared.js').Store} Store
 */

/** @param {Store} store @param {string} module @param {string[]} ids @returns {string[]} the ids that are no record of module */
function missingIds(store, module, ids) {
	return ids.filter((id) => !store.getRecord(module, id));
}

/** @param {string} module @param {string[]} ids */
function notRecords(module, ids) {
	return notFound(`${ids.map((id) => JSON.stringify(id)).join(', ')} ${ids.length === 1 ? 'is not a record' : 'are not records'} of module ${JSON.stringify(module)}`);
}

/** @param {string[]} ids */
const idList = (ids) => ids.map((wolkvox_id) => ({ wolkvox_id }));

/** @type {Endpoint} */
const insert = {
	body: 'json',
	run({ store }, { params }) {
		const refused = refusal(rules.validateInsert(params).problems);
		if (refused) return refused;
		const fields = /** @type {Record<string, unknown>} */ (params.fields);
		return ok(MSG.CREATED, { wolkvox_id: store.insertRecord(String(params.module), fields, params.type) });
	},
};

/** Assumption: the vendor's success body is unknown; the envelope with one `{wolkvox_id}` per record, in order. @type {Endpoint} */
const insertMany = {
	body: 'json',
	run({ store }, { params }) {
		const refused = refusal(rules.validateInsertMany(params));
		if (refused) return refused;
		const list = /** @type {Record<string, unknown>[]} */ (params.fields);
		return ok(MSG.CREATED, idList(list.map((fields) => store.insertRecord(String(params.module), fields, params.type))));
	},
	madeUp: (params) => {
		const n = Array.isArray(params.fields) ? params.fields.length : 1;
		return ok(MSG.CREATED, idList(Array.from({ length: n }, newWolkvoxId)));
	},
};

/** Decision: `attachments` replaces the record's list (as cases/updateCaseAttachment.php documents). @type {Endpoint} */
const update = {
	body: 'json',
	run({ store }, { params }) {
		const refused = refusal(rules.validateUpdate(params));
		if (refused) return refused;
		const module = String(params.module);
		const id = String(params[ID]);
		if (!store.getRecord(module, id)) return notRecords(module, [id]);
		const changes = { .../** @type {Record<string, unknown>} */ (params.fields) };
		if (Array.isArray(params.attachments)) changes.wolkvox_attachments = params.attachments.map(base64Attachment);
		store.updateRecord(module, id, changes);
		return ok(MSG.UPDATED, { wolkvox_id: id });
	},
	madeUp: (params) => ok(MSG.UPDATED, { wolkvox_id: idOrNew(params[ID]) }),
};

/** All or nothing: one unknown id refuses the call and changes no record. @type {Endpoint} */
const updateMany = {
	body: 'json',
	run({ store }, { params }) {
		const refused = refusal(rules.validateUpdateMany(params));
		if (refused) return refused;
		const module = String(params.module);
		const list = /** @type {Record<string, unknown>[]} */ (params.fields);
		const missing = missingIds(store, module, [...new Set(list.map((f) => String(f[ID])))]);
		if (missing.length) return notRecords(module, missing);
		const ids = list.map(({ [ID]: id, ...changes }) => {
			store.updateRecord(module, String(id), changes);
			return String(id);
		});
		return ok(MSG.UPDATED, idList(ids));
	},
	madeUp: (params) => ok(MSG.UPDATED, idList((Array.isArray(params.fields) ? params.fields : [{}]).map((f) => idOrNew(f && f[ID])))),
};

/** Decision: one unknown id refuses the whole call and deletes nothing (a refusal changed nothing). @type {Endpoint} */
const remove = {
	body: 'json',
	run({ store }, { params }) {
		const { problems, ids } = rules.validateDelete(params);
		const refused = refusal(problems);
		if (refused) return refused;
		const module = String(params.module);
		const missing = missingIds(store, module, ids);
		if (missing.length) return notRecords(module, missing);
		store.deleteRecords(module, ids);
		return ok(MSG.DELETED, params.multiple ? idList(ids) : { wolkvox_id: ids[0] });
	},
	madeUp: (params) => {
		const given = params[ID];
		if (params.multiple && Array.isArray(given)) return ok(MSG.DELETED, idList(given.map(idOrNew)));
		return ok(MSG.DELETED, { wolkvox_id: idOrNew(Array.isArray(given) ? given[0] : given) });
	},
};

/** Records of `module` whose `field` equals `value` (a typed value compares its `value`). */
const query = queryEndpoint(
	(params) => rules.validateFieldQuery(params, ['module']),
	(store, params) => store.queryRecords(String(params.module), String(params.field), String(params.value)),
);

/** Records created from `from` to `to`, both inclusive (`to` to the end of its minute), oldest first, at most `limit`. */
const queryDates = queryEndpoint(
	rules.validateDateQuery,
	(store, params) => {
		const all = store.recordsCreatedBetween(String(params.module), `${params.from}:00`, `${params.to}:59`);
		return params.limit === undefined ? all : all.slice(0, Number(params.limit));
	},
);

module.exports = { insert, insertMany, update, updateMany, remove, query, queryDates };
