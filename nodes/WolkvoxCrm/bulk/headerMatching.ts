/**
 * Matching columns by their header: the synonyms real Spanish and English portfolios use for each case-file and
 * obligation field, and the left-over columns whose header looks like a field no column feeds.
 */
import {
	CASE_FILE_FIELDS,
	OBLIGATION_FIELDS,
	type CaseFileField,
	type ObligationField,
} from './caseFileShape';

const DIACRITICS = /[\u0300-\u036f]/g;
const NOT_ALPHANUMERIC = /[^a-z0-9]/g;

/** `Identificación`, `ID_OBLIGACION`, `fecha de vencimiento` → `identificacion`, `idobligacion`, `fechadevencimiento`. */
export function normalizeHeader(header: string): string {
	return header
		.normalize('NFD')
		.replace(DIACRITICS, '')
		.toLowerCase()
		.replace(NOT_ALPHANUMERIC, '');
}

const n = (names: string[]): string[] => names.map(normalizeHeader);

/** Synonyms by priority. Customer `Name` lists `name` last so that a sheet with both `nombre` and `name` keeps
 * `name` for the obligation, as wolkvox's own keys do. */
export const CASE_FILE_SYNONYMS: Record<CaseFileField, string[]> = {
	Identification: n([
		'identification',
		'identificacion',
		'numero_identificacion',
		'cedula',
		'documento',
		'numero_documento',
		'nro_documento',
		'num_documento',
		'documento_identidad',
		'nit',
		'dni',
		'rut',
		'id_cliente',
		'cliente_id',
		'customer_id',
		'numero_de_documento',
		'no_documento',
		'n_documento',
		'documento_cliente',
		'identificacion_cliente',
		'cc',
	]),
	Name: n([
		'nombre',
		'nombres',
		'nombre_cliente',
		'nombre_completo',
		'cliente',
		'razon_social',
		'customer_name',
		'full_name',
		'name',
		'nombre_del_cliente',
		'nombres_y_apellidos',
		'deudor',
		'nombre_deudor',
		'titular',
		'customer',
	]),
	Email: n([
		'email',
		'e_mail',
		'correo',
		'correo_electronico',
		'email_cliente',
		'mail',
		'correo_electronico_cliente',
		'e_mail_cliente',
		'email_address',
	]),
	Telephone: n([
		'telephone',
		'telefono',
		'celular',
		'movil',
		'tel',
		'phone',
		'mobile',
		'numero_telefono',
		'telefono_cliente',
		'telefono_celular',
		'numero_celular',
		'celular_cliente',
		'telefono_movil',
		'movil_cliente',
		'numero_de_telefono',
		'phone_number',
		'mobile_phone',
	]),
	Address: n(['address', 'direccion', 'direccion_cliente', 'direccion_residencia', 'domicilio']),
};

export const OBLIGATION_SYNONYMS: Record<ObligationField, string[]> = {
	id: n([
		'id',
		'obligation_id',
		'obligacion_id',
		'id_obligacion',
		'numero_obligacion',
		'nro_obligacion',
		'no_obligacion',
		'num_obligacion',
		'obligacion',
		'n_obligacion',
		'numero_de_obligacion',
		'obligacion_no',
		'credito',
		'numero_credito',
		'no_credito',
		'n_credito',
		'pagare',
		'numero_pagare',
		'contrato',
		'numero_contrato',
		'loan_id',
	]),
	// `name` itself is only taken by its exact spelling, after the customer's Name found its column (see below).
	name: n([
		'obligation_name',
		'nombre_obligacion',
		'obligacion_nombre',
		'producto',
		'tipo_producto',
		'product',
		'linea',
		'linea_credito',
	]),
	total_balance: n([
		'total_balance',
		'saldo_total',
		'saldo',
		'saldo_capital',
		'saldo_deuda',
		'deuda_total',
		'deuda',
		'valor_deuda',
		'monto_deuda',
		'valor',
		'monto',
		'balance',
		'amount',
	]),
	expiring_date: n([
		'expiring_date',
		'fecha_vencimiento',
		'fecha_de_vencimiento',
		'vencimiento',
		'fecha_limite_pago',
		'fecha_limite',
		'due_date',
	]),
	days_delay: n([
		'days_delay',
		'dias_mora',
		'dias_de_mora',
		'dias_en_mora',
		'dias_atraso',
		'dias_vencidos',
		'mora',
		'days_past_due',
		'dpd',
	]),
	portfolio_type: n(['portfolio_type', 'tipo_cartera', 'tipo_de_cartera', 'cartera']),
	last_pay: n(['last_pay', 'ultimo_pago', 'valor_ultimo_pago', 'monto_ultimo_pago']),
	last_pay_date: n(['last_pay_date', 'fecha_ultimo_pago', 'fecha_de_ultimo_pago']),
	balance_payment: n(['balance_payment', 'saldo_pago', 'saldo_a_pagar', 'valor_a_pagar']),
};

/** At most this many edits between a header and a synonym still count as resembling it (a typo, a plural). */
const MAX_EDITS = 2;

function editDistanceAtMost(a: string, b: string, limit: number): boolean {
	if (Math.abs(a.length - b.length) > limit) return false;
	let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
	for (let i = 1; i <= a.length; i++) {
		const current = [i];
		let rowMin = i;
		for (let j = 1; j <= b.length; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
			rowMin = Math.min(rowMin, current[j]);
		}
		if (rowMin > limit) return false;
		previous = current;
	}
	return previous[b.length] <= limit;
}

/** Whether a normalised header resembles a synonym: one holds the other, or a typo apart. */
function resembles(header: string, synonym: string): boolean {
	if (synonym.length < 4 || header.length < 4) return false;
	if (header.includes(synonym) || synonym.includes(header)) return true;
	return synonym.length >= 6 && editDistanceAtMost(header, synonym, MAX_EDITS);
}

/** Left-over columns whose header resembles a field that no column feeds, with that field. */
export function lookalikesOf(
	extraColumns: string[],
	caseFile: Partial<Record<CaseFileField, string>>,
	obligation: Partial<Record<ObligationField, string>>,
): Array<{ column: string; resembles: string }> {
	const unfed = [
		...CASE_FILE_FIELDS.filter((f) => caseFile[f] === undefined).map(
			(f) => [`caseFile.${f}`, CASE_FILE_SYNONYMS[f]] as const,
		),
		...OBLIGATION_FIELDS.filter((f) => obligation[f] === undefined).map(
			(f) => [`obligation.${f}`, OBLIGATION_SYNONYMS[f]] as const,
		),
	];
	const found: Array<{ column: string; resembles: string }> = [];
	for (const column of extraColumns) {
		const header = normalizeHeader(column);
		const match = unfed.find(([, synonyms]) => synonyms.some((s) => resembles(header, s)));
		if (match) found.push({ column, resembles: match[0] });
	}
	return found;
}
