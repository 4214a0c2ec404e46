import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { attempt, FAILED, tryCall } from '../../helpers/attempt';
import type { CollectedCaseFiles } from '../../bulk/caseFileShape';
import {
	parseColumnMapping,
	withDraggedColumns,
	type ExtraColumns,
} from '../../bulk/columnMapping';
import { caseFilesFromObjects } from '../../bulk/itemsToCaseFiles';
import { caseFilesFromRawJson, type RawJsonSource } from '../../bulk/rawJsonToCaseFiles';
import { caseFilesFromRows } from '../../bulk/rowsToCaseFiles';
import type { InputDateFormat } from '../../helpers/dates/inputDateFormat';
import { parseJsonParameter } from '../../helpers/values';

/** Turns the input items into case files according to the chosen input mode (the node's parameters). */
export function readCaseFiles(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): CollectedCaseFiles {
	const inputMode = this.getNodeParameter('inputMode', 0) as 'rows' | 'caseFiles' | 'json';
	const dateInputFormat = this.getNodeParameter('dateInputFormat', 0, 'auto') as InputDateFormat;
	if (inputMode === 'rows') {
		// A column dragged into "Group Rows By" becomes an expression like {{ $json.cedula }}: its value differs
		// per row, so it is evaluated per row; plain text is a column name.
		const rawKey = this.getNode().parameters.keyColumn;
		// A row whose grouping expression fails gets no key (so it is a row error, never sent) and says why.
		const keyFailures = new Map<number, string>();
		const keys =
			typeof rawKey === 'string' && rawKey.startsWith('=')
				? items.map((_, i) => {
						const key = tryCall(() => this.getNodeParameter('keyColumn', i, ''));
						if ('value' in key) return key.value;
						keyFailures.set(i, (key.error as Error).message ?? String(key.error));
						return undefined;
					})
				: undefined;
		// An expression can make this parameter any value: a shape that cannot work is the mapping's problem,
		// reported like a column no row has.
		const rawMapping = this.getNode().parameters.mapping;
		const mapping = tryCall(() =>
			parseColumnMapping(
				withDraggedColumns(
					this.getNodeParameter('mapping.column', 0, []),
					rawMapping !== null && typeof rawMapping === 'object' && !Array.isArray(rawMapping)
						? (rawMapping as { column?: unknown }).column
						: undefined,
				),
			),
		);
		const collected: CollectedCaseFiles =
			'error' in mapping
				? {
						caseFiles: [],
						rowErrors: [],
						mappingProblem: (mapping.error as Error).message,
					}
				: caseFilesFromRows(
						items.map((item) => item.json),
						{
							keyColumn: keys ? undefined : (this.getNodeParameter('keyColumn', 0, '') as string),
							keys,
							mapping: mapping.value,
							extraColumns: this.getNodeParameter('extraColumns', 0, 'drop') as ExtraColumns,
							dateInputFormat,
						},
					);
		if (keyFailures.size) {
			collected.rowErrors = [
				...collected.rowErrors.filter((e) => !keyFailures.has(e.row)),
				...[...keyFailures].map(([row, reason]) => ({
					row,
					field: 'Group Rows By',
					message: `Item ${row}: "Group Rows By" could not be evaluated: ${reason}`,
				})),
			].sort((a, b) => a.row - b.row);
		}
		if (collected.mappingProblem && !this.continueOnFail()) {
			throw new NodeOperationError(this.getNode(), collected.mappingProblem, {
				description:
					'Nothing was sent. Correct the Column Mapping (column names must match exactly).',
			});
		}
		if (collected.mappingProblem) {
			// n8n would pass the input rows to the success output; say for each row why it was not sent instead.
			const message = collected.mappingProblem;
			collected.rowErrors = items.map((_, row) => ({ row, field: 'Column Mapping', message }));
		}
		return collected;
	}
	if (inputMode === 'caseFiles') {
		return caseFilesFromObjects(
			items.map((item, index) => ({ value: item.json, item: index })),
			dateInputFormat,
		);
	}
	// JSON typed once is one payload for the whole run, not one per input item: read it once and tie its case
	// files to every item. An expression is read per item.
	const raw = this.getNode().parameters.collectionsJson;
	const perItem = typeof raw === 'string' && raw.startsWith('=');
	const readSource = (index: number, sourceItems: number[]): RawJsonSource => {
		const value = tryCall(() => this.getNodeParameter('collectionsJson', index, ''));
		if ('error' in value) {
			const reason = (value.error as Error).message ?? String(value.error);
			return { items: sourceItems, unreadable: reason };
		}
		const parsed = attempt(() =>
			parseJsonParameter(value.value, 'collections', 'a list of case files'),
		);
		return parsed === FAILED
			? { items: sourceItems, invalidJson: true }
			: { items: sourceItems, parsed };
	};
	const sources = perItem
		? items.map((_, i) => readSource(i, [i]))
		: [
				readSource(
					0,
					items.map((_, i) => i),
				),
			];
	return caseFilesFromRawJson(sources);
}
