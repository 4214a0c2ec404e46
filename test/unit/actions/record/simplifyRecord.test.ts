import { simplifyRecord } from '../../../../nodes/WolkvoxCrm/actions/record/simplifyRecord';

describe('simplifyRecord', () => {
	it('turns typed values into plain ones and keeps ids, plain values and tables', () => {
		const record = {
			wolkvox_id: '64a1b2c3d4e5f60718293a4b',
			namecontact: 'Ana',
			Edad: 31,
			Activo: true,
			Empresa: { value: 'ACME', value_id: '64a1b2c3d4e5f60718293a4c' },
			telephonecontact: { country: 'Colombia', code: '57', value: '3001234567' },
			Deuda: { value: '1500', symbol: 'COP', convert: 1500 },
			Direccion: { type: 'address', value: 'Calle 1' },
			Productos: [{ Producto: 'Loan' }],
			wolkvox_owner: { user: 'ADMIN_@op', nombre: 'Admin', id: '7', email: 'admin@example.com' },
			Otro: { value: 'x', extra: 'kept as is' },
		};
		expect(simplifyRecord(record)).toEqual({
			wolkvox_id: '64a1b2c3d4e5f60718293a4b',
			namecontact: 'Ana',
			Edad: 31,
			Activo: true,
			Empresa: 'ACME',
			telephonecontact: '3001234567',
			Deuda: '1500',
			Direccion: 'Calle 1',
			Productos: [{ Producto: 'Loan' }],
			wolkvox_owner: 'ADMIN_@op',
			Otro: { value: 'x', extra: 'kept as is' },
		});
	});

	it('never lets a record key named __proto__ change the output object', () => {
		const record = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}') as Record<
			string,
			unknown
		>;
		const simple = simplifyRecord(record as never);
		expect(simple).toEqual({ a: 1 });
		expect(Object.getPrototypeOf(simple)).toBe(Object.prototype);
	});
});
