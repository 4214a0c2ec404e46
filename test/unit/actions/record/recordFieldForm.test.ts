/**
 * Record → Create, Field by Field: after Field Name and Field Type, a field row shows only what its type needs,
 * as n8n's own display rules decide it in the editor.
 */
import type { INodeParameters, INodeProperties, INodePropertyCollection } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { description } from '../../../../nodes/WolkvoxCrm/actions/record/create.operation';

const fieldRow = (
	description.find((p) => p.name === 'fields')!.options as INodePropertyCollection[]
)[0].values as INodeProperties[];

/** The labels a row shows, in order, for a type, with the row's defaults as n8n fills them. */
function shown(valueType: string): string[] {
	const values: INodeParameters = { name: '', valueType };
	return fieldRow
		.filter((p) => NodeHelpers.displayParameter(values, p, { typeVersion: 1 }, null))
		.map((p) => p.displayName);
}

describe('Record → Create field row', () => {
	it.each([
		['string', ['Field Name', 'Field Type', 'Value']],
		['number', ['Field Name', 'Field Type', 'Value']],
		['address', ['Field Name', 'Field Type', 'Value']],
		['boolean', ['Field Name', 'Field Type', 'Value']],
		['table', ['Field Name', 'Field Type', 'Value']],
		['relation', ['Field Name', 'Field Type', 'Value']],
		['json', ['Field Name', 'Field Type', 'Value']],
		['search', ['Field Name', 'Field Type', 'Related Module', 'Related Record ID', 'Value']],
		['telephone', ['Field Name', 'Field Type', 'Phone Country', 'Phone Country Code', 'Value']],
		['currency', ['Field Name', 'Field Type', 'Value', 'Value Currency', 'Value in Base Currency']],
	])('a %s field shows %j', (valueType, labels) => {
		expect(shown(valueType)).toEqual(labels);
	});

	it('shows exactly one "Value" for every type, of the kind the type takes', () => {
		const kinds: Record<string, string> = {};
		for (const type of ['string', 'boolean', 'table', 'json', 'currency']) {
			const values: INodeParameters = { valueType: type };
			const value = fieldRow.filter(
				(p) =>
					p.displayName === 'Value' &&
					NodeHelpers.displayParameter(values, p, { typeVersion: 1 }, null),
			);
			expect(value).toHaveLength(1);
			kinds[type] = value[0].type;
		}
		expect(kinds).toEqual({
			string: 'string',
			boolean: 'boolean',
			table: 'json',
			json: 'json',
			currency: 'string',
		});
	});
});
