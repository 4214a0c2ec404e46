'use strict';
/**
 * The vendor's rules for each request body (pure: body in, list of problems out), one file per API group in
 * rules/. This is their one entry point, as the tests and the node's property tests import them.
 */

const records = require('./rules/records.js');
const collections = require('./rules/collections.js');
const cases = require('./rules/cases.js');

module.exports = {
	validateInsert: records.validateInsert,
	validateInsertMany: records.validateInsertMany,
	validateUpdate: records.validateUpdate,
	validateUpdateMany: records.validateUpdateMany,
	validateDelete: records.validateDelete,
	validateDateQuery: records.validateDateQuery,
	validateFieldQuery: records.validateFieldQuery,
	validateObligation: collections.validateObligation,
	validateObligationFields: collections.validateObligationFields,
	validateObligationQuery: collections.validateObligationQuery,
	validateGestion: collections.validateGestion,
	validateCaseFile: collections.validateCaseFile,
	validateCaseInsert: cases.validateCaseInsert,
	validateCaseUpdate: cases.validateCaseUpdate,
	validateCaseQuery: cases.validateCaseQuery,
};
