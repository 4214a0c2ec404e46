'use strict';
/**
 * A collections portfolio as a Colombian collections team exports it from a spreadsheet: twelve Spanish
 * columns, customers repeated on each of their obligation rows (not adjacent), Spanish-format amounts and
 * DD/MM/YYYY dates, one column ("Ciudad") that feeds no wolkvox field, and one row whose balance is a word.
 */

/** The header row, in the sheet's order. */
const HEADERS = [
	'Número Documento',
	'Nombre Completo',
	'Correo Electrónico',
	'Teléfono Celular',
	'Dirección',
	'Ciudad',
	'N° Obligación',
	'Producto',
	'Saldo Capital',
	'Fecha Vencimiento',
	'Días Mora',
	'Tipo Cartera',
];

/** @type {Array<Array<string|number>>} */
// One sheet row per line, as the sheet reads.
// prettier-ignore
const ROWS = [
	['1020304050', 'Daniela Castaño Ríos', 'daniela.castano@example.com', '3157654321', 'Calle 5 #38-25', 'Cali', 'LB-55012', 'Libranza', '2.600.000', '28/02/2027', 32, 'Consumo'],
	['0079456123', 'Jorge Iván Muñoz', 'jorge.munoz@example.com', '3004567890', 'Carrera 43A #1-50', 'Medellín', 'TC-88231', 'Tarjeta de Crédito', '1.845.300,50', '15/01/2027', 61, 'Consumo'],
	['52987001', 'Lucía Fernanda Peña', 'lucia.pena@example.com', '3112223344', 'Av. Boyacá #72-10', 'Bogotá', 'CR-10077', 'Crédito Vehicular', '18.450.000', '05/03/2027', 12, 'Vehículo'],
	['1020304050', 'Daniela Castaño Ríos', 'daniela.castano@example.com', '3157654321', 'Calle 5 #38-25', 'Cali', 'TC-55013', 'Tarjeta de Crédito', '980.000', '10/12/2026', 45, 'Consumo'],
	['900123456', 'Distribuciones El Sol S.A.S.', 'cartera@elsol.example.com', '6015550101', 'Zona Franca Bodega 12', 'Barranquilla', 'CM-30001', 'Crédito Comercial', '45.000.000', '30/06/2027', 5, 'Comercial'],
	['0079456123', 'Jorge Iván Muñoz', 'jorge.munoz@example.com', '3004567890', 'Carrera 43A #1-50', 'Medellín', 'LB-88232', 'Libranza', 'pendiente', '15/02/2027', 61, 'Consumo'],
	['52987001', 'Lucía Fernanda Peña', 'lucia.pena@example.com', '3112223344', 'Av. Boyacá #72-10', 'Bogotá', 'TC-10078', 'Tarjeta de Crédito', '2.310.750', '20/01/2027', 0, 'Consumo'],
	['1143998877', 'Andrés Felipe Rojas', 'andres.rojas@example.com', '3205558899', 'Calle 10 #4-21', 'Cartagena', 'MC-71002', 'Microcrédito', '3.200.000', '01/04/2027', 90, 'Microcrédito'],
];

/** The sheet as n8n items' JSON, one object per row keyed by header. */
function sheetRows() {
	return ROWS.map((r) => Object.fromEntries(HEADERS.map((h, k) => [h, r[k]])));
}

/** The row whose "Saldo Capital" is not an amount, by its item index (from 0, as n8n's messages count items). */
const INVALID_INDEX = 5;

/** The sheet without the row to fix. */
function validRows() {
	return sheetRows().filter((_, k) => k !== INVALID_INDEX);
}

module.exports = { HEADERS, ROWS, INVALID_INDEX, sheetRows, validRows };
