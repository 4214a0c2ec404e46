/** The node's description as the editor reads it: canvas subtitle and the words the node panel finds it by. */
import type { INodePropertyOptions } from 'n8n-workflow';

import { WolkvoxCrm } from '../../nodes/WolkvoxCrm/WolkvoxCrm.node';
import codex from '../../nodes/WolkvoxCrm/WolkvoxCrm.node.json';

const { description } = new WolkvoxCrm();

/** The subtitle expression with its two lookups applied to a resource and an operation, as n8n evaluates it. */
function subtitleFor(resource: string, operation: string): string {
	const body = String(description.subtitle)
		.replace(/^=\{\{/, '')
		.replace(/\}\}$/, '');
	const $parameter = { resource, operation };
	// The subtitle is plain JavaScript over $parameter; evaluating it here needs no n8n.
	return new Function('$parameter', `return ${body};`)($parameter) as string;
}

describe('node description', () => {
	const resources = description.properties.find((p) => p.name === 'resource')!
		.options as INodePropertyOptions[];

	it('has a canvas subtitle like "Upload: Bulk Collection" for every resource and operation', () => {
		const seen: string[] = [];
		for (const resource of resources) {
			const operations = description.properties.filter(
				(p) =>
					p.name === 'operation' &&
					(p.displayOptions?.show?.resource as string[] | undefined)?.includes(
						String(resource.value),
					),
			);
			expect(operations).toHaveLength(1);
			for (const operation of operations[0].options as INodePropertyOptions[]) {
				const subtitle = subtitleFor(String(resource.value), String(operation.value));
				expect(subtitle).toBe(`${operation.name}: ${resource.name}`);
				seen.push(subtitle);
			}
		}
		expect(seen).toContain('Upload: Bulk Collection');
		expect(seen).toContain('Get Many: Record');
	});

	it('is found by the Spanish and English words collections teams search for', () => {
		for (const word of [
			'cartera',
			'cobranza',
			'deudor',
			'gestión',
			'obligación',
			'collections',
			'debtor',
		])
			expect(codex.alias).toContain(word);
	});
});

describe('node outputs, as n8n works them out from the parameters', () => {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { NodeHelpers, Workflow } = require('n8n-workflow') as typeof import('n8n-workflow');
	const nodeType = new WolkvoxCrm();

	function outputsFor(parameters: Record<string, unknown>): unknown[] {
		const node = {
			id: '1',
			name: 'Wolkvox CRM',
			type: 'n8n-nodes-wolkvox.wolkvoxCrm',
			typeVersion: 1,
			position: [0, 0] as [number, number],
			parameters: parameters as never,
		};
		const workflow = new Workflow({
			nodes: [node],
			connections: {},
			active: false,
			nodeTypes: {
				getByName: () => nodeType,
				getByNameAndVersion: () => nodeType,
				getKnownTypes: () => ({}),
			},
		});
		return NodeHelpers.getNodeOutputs(workflow, node, nodeType.description);
	}

	it('gives Bulk Collections → Upload with the summary on a Case Files output and a Summary output', () => {
		expect(
			outputsFor({ resource: 'bulkCollections', operation: 'upload', options: { includeSummary: true } }),
		).toEqual([
			{ type: 'main', displayName: 'Case Files' },
			{ type: 'main', displayName: 'Summary' },
		]);
	});

	it.each([
		['the upload without the summary', { resource: 'bulkCollections', operation: 'upload', options: {} }],
		['the upload with no options', { resource: 'bulkCollections', operation: 'upload' }],
		['any other operation, whatever its options', { resource: 'record', operation: 'create', options: { includeSummary: true } }],
	])('gives one output for %s', (_, parameters) => {
		expect(outputsFor(parameters)).toEqual(['main']);
	});
});
