'use strict';
/**
 * The `cases` group: a case created from form-data (cases/insert.php, a `file` part) or from JSON with base64
 * attachments (cases/insertAttach.php), changed from form-data (cases/update.php), found by one of the documented
 * query names (cases/queryCases.php). Cases are the records of module `cases`, stored under those query names.
 */

const { MSG, ok, notFound } = require('../envelopes.js');
const rules = require('../rules/cases.js');
const { ID } = require('../rules/records.js');
const { CASES } = require('../store.js');
const { plainValue } = require('../values.js');
const { refusal, base64Attachment, fileAttachment, idOrNew, queryEndpoint } = require('./shared.js');

/**
 * @typedef {import('./shared.js').Endpoint} Endpoint
 * @typedef {import('./shared.js').Store} Store
 * @typedef {import('./shared.js').Attachment} Attachment
 */

/** Sandbox value: the vendor's case prefix is unknown. */
const CASE_PREFIX = 'CASE';

/** The parameters the case keeps under another name. */
const RENAMED = { 'case-type': 'type case', responsible: 'responsible user' };

/** @param {unknown} v @returns {unknown} */
const orEmpty = (v) => {
	const plain = plainValue(v);
	return plain === undefined || plain === null ? '' : plain;
};

/**
 * A new case: its parameters under the query names, the contact's facts copied in, its custom fields beside them.
 * Names whose value the vendor never shows (companyName, company id, responsible/owner name and id, reason) are
 * left out.
 * @param {Store} store
 * @param {Record<string, unknown>} params
 * @param {Record<string, unknown>} custom
 * @param {Record<string, unknown>} contact
 * @param {Attachment[]} attachments
 * @returns {string} its wolkvox_id
 */
function storeCase(store, params, custom, contact, attachments) {
	const n = store.nextCaseNumber();
	return store.insertRecord(CASES, {
		...custom,
		'type case': params['case-type'],
		status: params.status,
		priority: params.priority,
		description: params.description,
		solution: params.solution === undefined ? '' : params.solution,
		'responsible user': params.responsible,
		'owner user': params.owner,
		'email contact': params.contact,
		'name contact': orEmpty(contact.namecontact),
		'contact wolkvox id': contact.wolkvox_id,
		'contact identification': orEmpty(contact.idcontact),
		'contact phone': orEmpty(contact.telephonecontact),
		idCase: String(n),
		prefix: CASE_PREFIX,
		idPrefijo: `${CASE_PREFIX}-${n}`,
		reopened: false,
		'case expired': false,
		wolkvox_attachments: attachments,
	});
}

/**
 * The two ways to create a case, once their rules passed: `contact` must be an existing contact's e-mail.
 * @param {Store} store
 * @param {Record<string, unknown>} params
 * @param {Record<string, unknown>} custom
 * @param {Attachment[]} attachments
 */
function createCase(store, params, custom, attachments) {
	const [contact] = store.queryRecords('contacts', 'emailcontact', String(params.contact));
	if (!contact) return notFound(`contact ${JSON.stringify(params.contact)} is not the e-mail (emailcontact) of any record of module "contacts"`);
	return ok(MSG.CREATED, { wolkvox_id: storeCase(store, params, custom, contact, attachments) });
}

/** cases/insert.php: multipart/form-data, `form` as JSON text, an optional `file` part. @type {Endpoint} */
const insert = {
	body: 'form',
	run({ store }, { params, files }) {
		const { problems, form } = rules.validateCaseInsert(params, { asText: true, files });
		return refusal(problems) || createCase(store, params, form, files.map(fileAttachment));
	},
};

/** cases/insertAttach.php: the same as JSON, `form` an object, `attachments` a list of base64 strings. @type {Endpoint} */
const insertAttach = {
	body: 'json',
	run({ store }, { params }) {
		const { problems, form } = rules.validateCaseInsert(params, { asText: false });
		const attachments = /** @type {string[]} */ (params.attachments);
		return refusal(problems) || createCase(store, params, form, attachments.map(base64Attachment));
	},
};

/** cases/update.php: multipart/form-data; a `file` part adds an attachment. @type {Endpoint} */
const update = {
	body: 'form',
	run({ store }, { params, files }) {
		const { problems, form } = rules.validateCaseUpdate(params, files);
		const refused = refusal(problems);
		if (refused) return refused;
		const id = String(params[ID]);
		const stored = store.getRecord(CASES, id);
		if (!stored) return notFound(`${ID} ${JSON.stringify(id)} is not a case`);
		/** @type {Record<string, unknown>} */
		const changes = { ...form };
		for (const key of ['case-type', 'responsible', 'status', 'priority']) {
			if (params[key] !== undefined) changes[RENAMED[/** @type {keyof RENAMED} */ (key)] || key] = params[key];
		}
		if (files.length) {
			const kept = Array.isArray(stored.wolkvox_attachments) ? stored.wolkvox_attachments : [];
			changes.wolkvox_attachments = [...kept, ...files.map(fileAttachment)];
		}
		store.updateRecord(CASES, id, changes);
		return ok(MSG.UPDATED, { wolkvox_id: id });
	},
	madeUp: (params) => ok(MSG.UPDATED, { wolkvox_id: idOrNew(params[ID]) }),
};

/** Cases whose `field` (a documented query name) equals `value`. */
const queryCases = queryEndpoint(rules.validateCaseQuery, (store, params) =>
	store.queryRecords(CASES, params.field === ID ? 'wolkvox_id' : String(params.field), String(params.value)),
);

module.exports = { insert, insertAttach, update, queryCases };
