/** Rows of a typical Spanish portfolio sheet, one per obligation, for the bulk tests. */

/** Columns of a typical Spanish portfolio sheet, one row per obligation. */
export function row(overrides: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		identificacion: '0012345',
		nombre: 'Ana Pérez',
		correo: 'ana@example.com',
		telefono: '3001234567',
		direccion: 'Calle 1 # 2-3',
		obligacion_id: 'OBL-1',
		producto: 'Tarjeta',
		saldo_total: '1.234.567,89',
		fecha_vencimiento: '15/12/2026',
		dias_mora: '33',
		tipo_cartera: 'Castigada',
		ultimo_pago: '$ 1.500',
		fecha_ultimo_pago: '2025-01-09',
		saldo_a_pagar: '500',
		...overrides,
	};
}

/** The obligation cells of row() emptied: a row that only carries the customer. */
export const CASE_FILE_ONLY: Record<string, unknown> = {
	obligacion_id: '',
	producto: '',
	saldo_total: '',
	fecha_vencimiento: '',
	dias_mora: '',
	tipo_cartera: '',
	ultimo_pago: '',
	fecha_ultimo_pago: '',
	saldo_a_pagar: '',
};
