import { assertValidBody } from '../../helpers/validation';
import { recordDeleteBodySchema, type RecordDeleteBody } from '../../schemas/delete.schema';

/** The body of custom/delete.php for the IDs of one module: one ID alone, several as a list with `multiple`. */
export function buildRecordDeleteBody(module: string, ids: string[]): RecordDeleteBody {
	return assertValidBody(
		recordDeleteBodySchema,
		ids.length === 1
			? { module, multiple: false, 'wolkvox-id': ids[0] }
			: { module, multiple: true, 'wolkvox-id': ids },
	);
}
