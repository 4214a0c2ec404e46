import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { description as bulkCollectionsDescription } from './actions/bulkCollections/BulkCollections.resource';
import { description as caseDescription } from './actions/case/Case.resource';
import { description as gestionDescription } from './actions/gestion/Gestion.resource';
import { description as obligationDescription } from './actions/obligation/Obligation.resource';
import { description as recordDescription } from './actions/record/Record.resource';
import { router } from './actions/router';
import { description as taskDescription } from './actions/task/Task.resource';
import { description as tokenDescription } from './actions/token/Token.resource';

export class WolkvoxCrm implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Wolkvox CRM',
		name: 'wolkvoxCrm',
		icon: { light: 'file:wolkvox.svg', dark: 'file:wolkvox.dark.svg' },
		group: ['output'],
		version: 1,
		// "Upload: Bulk Collection", as the dropdowns name them, not their internal values. A test checks that
		// every resource and operation has its name here.
		subtitle:
			'={{ {"create":"Create","createMany":"Create Many","delete":"Delete","get":"Get","getMany":"Get Many","getManyByDate":"Get Many by Date Range","getUsage":"Get Usage","update":"Update","updateMany":"Update Many","upload":"Upload","upsert":"Create or Update"}[$parameter["operation"]] + ": " + {"bulkCollections":"Bulk Collection","case":"Case","gestion":"Gestion","obligation":"Obligation","record":"Record","task":"Task","token":"Token"}[$parameter["resource"]] }}',
		description:
			'Create, find, update and delete records, tasks, obligations and gestiones in wolkvox CRM, load collections case files in bulk, and check the token quota',
		defaults: { name: 'Wolkvox CRM' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		// Bulk Collections → Upload with Include Summary Item sends the totals to an output of their own, so the
		// case files' table holds case files only.
		outputs:
			'={{ $parameter.resource === "bulkCollections" && $parameter.operation === "upload" && ($parameter.options || {}).includeSummary === true ? [{ "type": "main", "displayName": "Case Files" }, { "type": "main", "displayName": "Summary" }] : ["main"] }}',
		credentials: [{ name: 'wolkvoxApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Bulk Collection',
						value: 'bulkCollections',
						description:
							'Many collections case files (customers) with their obligations, in few calls',
					},
					{
						name: 'Case',
						value: 'case',
						description:
							"A customer's request, complaint, claim or suggestion in the CRM's cases module, with attachments",
					},
					{
						name: 'Gestion',
						value: 'gestion',
						description:
							'A management note with its outcome (typification) on a collections case file',
					},
					{
						name: 'Obligation',
						value: 'obligation',
						description: 'A debt (loan, invoice, contract) inside a collections case file',
					},
					{
						name: 'Record',
						value: 'record',
						description:
							'A record of any CRM module: contacts, leads, cases, companies, a custom module',
					},
					{
						name: 'Task',
						value: 'task',
						description: 'A task activity (call-back, follow-up) on a CRM record',
					},
					{
						name: 'Token',
						value: 'token',
						description: "The API token's daily quota: used, left, hours to reset",
					},
				],
				default: 'record',
			},
			...recordDescription,
			...taskDescription,
			...obligationDescription,
			...gestionDescription,
			...bulkCollectionsDescription,
			...caseDescription,
			...tokenDescription,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
