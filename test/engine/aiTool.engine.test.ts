/**
 * The node as an AI agent's tool, as n8n builds one: the agent sees the tool's description and the arguments of
 * the parameters the user let the model define ($fromAI), and nothing else. "Find the case file of customer
 * 0012345678" must come down to one argument, with every other parameter already right.
 */
import type { IDataObject, INode } from 'n8n-workflow';

import { agentToolOf } from '../../harness/engine/engine';
import { items, pairedItems, TYPE, useWolkvoxEngine } from '../../harness/engine/wolkvoxEngine';
import { WolkvoxCrm } from '../../nodes/WolkvoxCrm/WolkvoxCrm.node';

const { run, api } = useWolkvoxEngine();

/** What the editor writes when the user clicks "let the model define this parameter". */
const fromAi = (key: string) =>
	`={{ /*n8n-auto-generated-fromAI-override*/ $fromAI('${key}', \`\`, 'string') }}`;

function toolNode(parameters: IDataObject): INode {
	return {
		id: 'tool-1',
		name: 'Find case file',
		type: TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: { descriptionType: 'auto', ...parameters } as INode['parameters'],
	};
}

async function seedCaseFiles() {
	await api('collections/massiveCollections.php', {
		collections: [
			{ Identification: '0012345678', Name: 'Ana Pérez', Email: 'ana@example.com', Telephone: '3001234567', Obligations: [] },
			{ Identification: '987', Name: 'Luis Gómez', Email: 'luis@example.com', Telephone: '3007654321', Obligations: [] },
		],
	});
}

describe('Wolkvox CRM as an AI agent tool', () => {
	it('Record → Get Many on the case files: one argument, a description that says what it does, the case file found', async () => {
		await seedCaseFiles();
		const parameters = {
			resource: 'record',
			operation: 'getMany',
			module: 'collections',
			field: 'Identification',
			value: fromAi('Value'),
		};
		const tool = agentToolOf(toolNode(parameters), new WolkvoxCrm());
		expect(tool.description).toBe('Get many records in Wolkvox CRM');
		expect(Object.keys(tool.arguments.shape)).toEqual(['Value']);
		expect(tool.arguments.safeParse({}).success).toBe(false);
		const args = tool.arguments.parse({ Value: '0012345678' });

		// n8n runs the tool node with the agent's arguments as its input item.
		const result = await run(parameters, items(args as IDataObject));
		expect(result.error?.message).toBeUndefined();
		const found = result.output('Wolkvox CRM');
		expect(found.map((o) => [o.json.Identification, o.json.Name, pairedItems(o)])).toEqual([
			['0012345678', 'Ana Pérez', [0]],
		]);
		expect(String(found[0].json.wolkvox_id)).toMatch(/^[0-9a-f]{24}$/);
	});

	it('an argument the agent leaves empty is an error the agent can read, and nothing is sent', async () => {
		const parameters = { resource: 'case', operation: 'getMany', field: 'contact identification', value: fromAi('Value') };
		const result = await run(parameters, items({ Value: '' }), { onError: 'continueErrorOutput' });
		expect(result.output('Wolkvox CRM', 1).map((o) => o.json.error)).toEqual([
			'Case query "Value" (value) must not be empty [item 0]',
		]);
	});

	it.each([
		['record', 'getMany', 'Get many records in Wolkvox CRM'],
		['case', 'create', 'Create a case in Wolkvox CRM'],
		['case', 'getMany', 'Get many cases in Wolkvox CRM'],
		['gestion', 'create', 'Create a gestion in Wolkvox CRM'],
		['token', 'getUsage', 'Get token usage in Wolkvox CRM'],
	])('%s → %s is described to the agent as "%s"', (resource, operation, description) => {
		expect(agentToolOf(toolNode({ resource, operation }), new WolkvoxCrm()).description).toBe(description);
	});
});
