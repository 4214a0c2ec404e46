import { buildGestionBody } from '../../../nodes/WolkvoxCrm/actions/gestion/buildGestionBody';
import { buildObligationBody } from '../../../nodes/WolkvoxCrm/actions/obligation/buildObligationBody';
import { buildTaskBody } from '../../../nodes/WolkvoxCrm/actions/task/buildTaskBody';

describe('record URLs for ids', () => {
	const ID = '64dcf0a1b2c3d4e5f6a7b8c9';
	const url = `https://crm0001.wolkvox.com/collections/${ID}`;

	it("takes the case file's ID from its URL for a gestion, an obligation and a task", () => {
		expect(
			buildGestionBody({
				caseFileId: url,
				typificationCode: 'PP01',
				typificationDescription: 'Promise',
			}).fields.wolkvox_idRecord,
		).toBe(ID);
		expect(
			buildObligationBody({ caseFileId: url, obligationId: '7', obligationName: 'Loan' })
				.wolkvox_id,
		).toBe(ID);
		expect(
			buildTaskBody(
				{
					name: 'Call',
					priority: 'high',
					relatedModule: 'collections',
					recordId: url,
					owner: 'ADMIN_@op',
					completionDate: '2026-11-30 17:00',
					description: '',
					remember: false,
				},
				'America/Bogota',
			).fields.id_record,
		).toBe(ID);
	});
});
