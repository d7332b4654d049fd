/**
 * The built-in receipt bodies, used for every company. A company's template row
 * (receipt_templates) holds its header, footer and show* switches, which these bodies read as
 * variables; the schema has no column for whole bodies. Liquid tags on a line of their own leave
 * no blank line (the engine trims tag lines).
 *
 * Variables: business, store, transaction, items, totals, payments, voided (ReceiptData), plus
 * width (32 or 48 columns), header and footer (arrays of plain lines), showNpwp and showCashier.
 */

export const defaultTextTemplate = `{% if voided %}
{{ width | rule: '*' }}
{{ '*** DIBATALKAN ***' | center: width }}
{{ 'Alasan: ' | append: voided.reason | center: width }}
{{ voided.at | datetime: store.timezone | center: width }}
{{ width | rule: '*' }}
{% endif %}
{{ business.name | center: width }}
{% if store.name != business.name %}
{{ store.name | center: width }}
{% endif %}
{% if store.address %}
{{ store.address | center: width }}
{% endif %}
{% if store.phone %}
{{ 'Telp. ' | append: store.phone | center: width }}
{% endif %}
{% if showNpwp and business.npwp %}
{{ 'NPWP ' | append: business.npwp | center: width }}
{% endif %}
{% for line in header %}
{{ line | center: width }}
{% endfor %}
{{ width | rule }}
{{ 'No.' | row: transaction.number, width }}
{% assign when = transaction.createdAt | datetime: store.timezone %}
{{ 'Waktu' | row: when, width }}
{% if showCashier %}
{{ 'Kasir' | row: transaction.cashierName, width }}
{% endif %}
{{ width | rule }}
{% for item in items %}
{{ item.variantName | default: item.productName | wrap: width }}
{% for modifier in item.modifiers %}
{% assign option = '  + ' | append: modifier.name %}
{% if modifier.priceDelta %}
{% assign delta = modifier.priceDelta | rupiah %}
{{ option | row: delta, width }}
{% else %}
{{ option | wrap: width }}
{% endif %}
{% endfor %}
{% assign gross = item.lineTotal | plus: item.lineDiscount | rupiah %}
{% assign each = item.unitPrice | plus: item.modifierUnitTotal | rupiah %}
{% assign qty = '  ' | append: item.quantity | append: ' x ' | append: each %}
{{ qty | row: gross, width }}
{% if item.lineDiscount %}
{% assign cut = item.lineDiscount | times: -1 | rupiah %}
{{ '  Diskon' | row: cut, width }}
{% endif %}
{% endfor %}
{{ width | rule }}
{% assign amount = totals.subtotal | rupiah %}
{{ 'Subtotal' | row: amount, width }}
{% if totals.discountTotal %}
{% assign amount = totals.discountTotal | times: -1 | rupiah %}
{{ 'Diskon' | row: amount, width }}
{% endif %}
{% if totals.serviceCharge %}
{% assign label = totals.serviceChargeBasisPoints | percent | prepend: 'Biaya layanan ' %}
{% assign amount = totals.serviceCharge | rupiah %}
{{ label | row: amount, width }}
{% endif %}
{% if totals.taxRegime != 'none' %}
{% assign label = totals | tax_line %}
{% assign amount = totals.taxTotal | rupiah %}
{{ label | row: amount, width }}
{% endif %}
{% if totals.rounding %}
{% assign amount = totals.rounding | rupiah %}
{{ 'Pembulatan' | row: amount, width }}
{% endif %}
{{ width | rule }}
{% assign amount = totals.total | rupiah %}
{{ 'TOTAL' | row: amount, width }}
{% for payment in payments %}
{% assign amount = payment.amount | rupiah %}
{% if payment.tendered %}
{% assign amount = payment.tendered | rupiah %}
{% endif %}
{{ payment.method | payment_label | row: amount, width }}
{% if payment.externalReference %}
{{ '  Ref: ' | append: payment.externalReference | wrap: width }}
{% endif %}
{% endfor %}
{% if totals.change %}
{% assign amount = totals.change | rupiah %}
{{ 'Kembalian' | row: amount, width }}
{% endif %}
{% if transaction.note %}
{{ width | rule }}
{{ 'Catatan: ' | append: transaction.note | wrap: width }}
{% endif %}
{{ width | rule }}
{% for line in footer %}
{{ line | center: width }}
{% endfor %}
{% if voided %}
{{ '*** DIBATALKAN ***' | center: width }}
{% endif %}
`;

/**
 * HTML for the screen, e-mail and browser printing. Every output is HTML-escaped by the engine
 * (outputEscape), so names, notes and header lines can never inject markup.
 */
export const defaultHtmlTemplate = `<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Struk {{ transaction.number }}</title>
{% assign paper = '58mm' %}
{% if width == 48 %}
{% assign paper = '80mm' %}
{% endif %}
<style>
body { margin: 0; font: 13px/1.4 ui-monospace, Menlo, Consolas, monospace; color: #111; }
.receipt { width: {{ paper }}; margin: 0 auto; padding: 4mm 2mm; box-sizing: border-box; }
.center { text-align: center; }
.business { font-weight: bold; font-size: 15px; }
.void { border: 2px solid #b00; color: #b00; text-align: center; font-weight: bold; font-size: 18px; padding: 4px; margin-bottom: 8px; }
.void small { display: block; font-size: 12px; font-weight: normal; }
table { width: 100%; border-collapse: collapse; }
td { padding: 0; vertical-align: top; }
td.amount { text-align: right; white-space: nowrap; padding-left: 8px; }
.detail td:first-child { padding-left: 12px; }
hr { border: 0; border-top: 1px dashed #111; margin: 6px 0; }
.total td { font-weight: bold; font-size: 15px; }
</style>
</head>
<body>
{% if voided %}
<div class="receipt voided">
{% else %}
<div class="receipt">
{% endif %}
{% if voided %}
<div class="void">DIBATALKAN<small>{{ voided.reason }} &middot; {{ voided.at | datetime: store.timezone }}</small></div>
{% endif %}
<div class="center">
<div class="business">{{ business.name }}</div>
{% if store.name != business.name %}
<div>{{ store.name }}</div>
{% endif %}
{% if store.address %}
<div>{{ store.address }}</div>
{% endif %}
{% if store.phone %}
<div>Telp. {{ store.phone }}</div>
{% endif %}
{% if showNpwp and business.npwp %}
<div>NPWP {{ business.npwp }}</div>
{% endif %}
{% for line in header %}
<div>{{ line }}</div>
{% endfor %}
</div>
<hr>
<table>
<tr><td>No.</td><td class="amount">{{ transaction.number }}</td></tr>
<tr><td>Waktu</td><td class="amount">{{ transaction.createdAt | datetime: store.timezone }}</td></tr>
{% if showCashier %}
<tr><td>Kasir</td><td class="amount">{{ transaction.cashierName }}</td></tr>
{% endif %}
</table>
<hr>
<table class="items">
{% for item in items %}
<tr><td colspan="2">{{ item.variantName | default: item.productName }}</td></tr>
{% for modifier in item.modifiers %}
<tr class="detail"><td>+ {{ modifier.name }}</td><td class="amount">{% if modifier.priceDelta %}{{ modifier.priceDelta | rupiah }}{% endif %}</td></tr>
{% endfor %}
<tr class="detail"><td>{{ item.quantity }} &times; {{ item.unitPrice | plus: item.modifierUnitTotal | rupiah }}</td><td class="amount">{{ item.lineTotal | plus: item.lineDiscount | rupiah }}</td></tr>
{% if item.lineDiscount %}
<tr class="detail"><td>Diskon</td><td class="amount">{{ item.lineDiscount | times: -1 | rupiah }}</td></tr>
{% endif %}
{% endfor %}
</table>
<hr>
<table class="totals">
<tr><td>Subtotal</td><td class="amount">{{ totals.subtotal | rupiah }}</td></tr>
{% if totals.discountTotal %}
<tr><td>Diskon</td><td class="amount">{{ totals.discountTotal | times: -1 | rupiah }}</td></tr>
{% endif %}
{% if totals.serviceCharge %}
<tr><td>Biaya layanan {{ totals.serviceChargeBasisPoints | percent }}</td><td class="amount">{{ totals.serviceCharge | rupiah }}</td></tr>
{% endif %}
{% if totals.taxRegime != 'none' %}
<tr><td>{{ totals | tax_line }}</td><td class="amount">{{ totals.taxTotal | rupiah }}</td></tr>
{% endif %}
{% if totals.rounding %}
<tr><td>Pembulatan</td><td class="amount">{{ totals.rounding | rupiah }}</td></tr>
{% endif %}
<tr class="total"><td>TOTAL</td><td class="amount">{{ totals.total | rupiah }}</td></tr>
</table>
<hr>
<table class="payments">
{% for payment in payments %}
<tr><td>{{ payment.method | payment_label }}{% if payment.externalReference %}<small> ({{ payment.externalReference }})</small>{% endif %}</td><td class="amount">{% if payment.tendered %}{{ payment.tendered | rupiah }}{% else %}{{ payment.amount | rupiah }}{% endif %}</td></tr>
{% endfor %}
{% if totals.change %}
<tr><td>Kembalian</td><td class="amount">{{ totals.change | rupiah }}</td></tr>
{% endif %}
</table>
{% if transaction.note %}
<hr>
<div>Catatan: {{ transaction.note }}</div>
{% endif %}
<hr>
<div class="center footer">
{% for line in footer %}
<div>{{ line }}</div>
{% endfor %}
</div>
</div>
</body>
</html>
`;

/**
 * The shift report ("laporan shift") as plain text: an X report (the shift still open) or a Z
 * report (closed). Variables: the ShiftReport (kind, shift, business, store, sales, taxes,
 * refunds, voids, payments, netByMethod, cash, movements, salesLanded, generatedAt), plus width,
 * header, footer and showNpwp as for receipts. Money leaving the drawer prints negative.
 */
export const shiftReportTextTemplate = `{{ business.name | center: width }}
{% if store.name != business.name %}
{{ store.name | center: width }}
{% endif %}
{% if showNpwp and business.npwp %}
{{ 'NPWP ' | append: business.npwp | center: width }}
{% endif %}
{% for line in header %}
{{ line | center: width }}
{% endfor %}
{{ width | rule: '=' }}
{{ 'LAPORAN SHIFT (' | append: kind | append: ')' | center: width }}
{% if kind == 'X' %}
{{ 'Belum ditutup' | center: width }}
{% endif %}
{{ width | rule: '=' }}
{{ 'Perangkat' | row: shift.device.name, width }}
{% assign when = shift.openedAt | datetime: store.timezone %}
{{ 'Dibuka' | row: when, width }}
{{ 'Oleh' | row: shift.openedBy.name, width }}
{% if shift.closedAt %}
{% assign when = shift.closedAt | datetime: store.timezone %}
{{ 'Ditutup' | row: when, width }}
{% if shift.closedBy %}
{{ 'Oleh' | row: shift.closedBy.name, width }}
{% endif %}
{% if shift.closure == 'forced' %}
Ditutup paksa
{% endif %}
{% endif %}
{% assign day = shift.businessDate | split: '-' %}
{% assign date = day[2] | append: '/' | append: day[1] | append: '/' | append: day[0] %}
{{ 'Tanggal bisnis' | row: date, width }}
{{ width | rule }}
PENJUALAN
{{ 'Jumlah transaksi' | row: sales.count, width }}
{% assign amount = sales.gross | rupiah %}
{{ 'Penjualan kotor' | row: amount, width }}
{% if sales.discounts %}
{% assign amount = 0 | minus: sales.discounts | rupiah %}
{{ 'Diskon' | row: amount, width }}
{% endif %}
{% if sales.serviceCharge %}
{% assign amount = sales.serviceCharge | rupiah %}
{{ 'Biaya layanan' | row: amount, width }}
{% endif %}
{% for tax in taxes %}
{% assign rate = tax.rateBasisPoints | percent %}
{% assign label = tax.regime | tax_label | append: ' ' | append: rate %}
{% assign amount = tax.amount | rupiah %}
{{ label | row: amount, width }}
{% endfor %}
{% if sales.rounding %}
{% assign amount = sales.rounding | rupiah %}
{{ 'Pembulatan' | row: amount, width }}
{% endif %}
{% assign amount = sales.total | rupiah %}
{{ 'Total penjualan' | row: amount, width }}
{% assign label = 'Refund (' | append: refunds.count | append: ' trx)' %}
{% assign amount = 0 | minus: refunds.amount | rupiah %}
{{ label | row: amount, width }}
{% assign label = 'Void (' | append: voids.count | append: ' trx)' %}
{% assign amount = 0 | minus: voids.amount | rupiah %}
{{ label | row: amount, width }}
{{ width | rule }}
PEMBAYARAN
{% for payment in payments %}
{% assign amount = payment.amount | rupiah %}
{{ payment.method | payment_label | row: amount, width }}
{% endfor %}
{% if netByMethod.size > 0 %}
Bersih per metode
{% for net in netByMethod %}
{% assign label = net.method | payment_label | prepend: '  ' %}
{% assign amount = net.amount | rupiah %}
{{ label | row: amount, width }}
{% endfor %}
{% endif %}
{{ width | rule }}
KAS
{% assign amount = cash.opening | rupiah %}
{{ 'Kas awal' | row: amount, width }}
{% assign amount = cash.sales | rupiah %}
{{ 'Penjualan tunai' | row: amount, width }}
{% assign amount = 0 | minus: cash.refunds | rupiah %}
{{ 'Refund tunai' | row: amount, width }}
{% assign amount = 0 | minus: cash.voids | rupiah %}
{{ 'Void tunai' | row: amount, width }}
{% assign amount = cash.payIns | rupiah %}
{{ 'Kas masuk' | row: amount, width }}
{% assign amount = 0 | minus: cash.payOuts | rupiah %}
{{ 'Kas keluar' | row: amount, width }}
{% assign amount = cash.expected | rupiah %}
{{ 'Kas seharusnya' | row: amount, width }}
{% if cash.counted != nil %}
{% assign amount = cash.counted | rupiah %}
{{ 'Kas terhitung' | row: amount, width }}
{% assign amount = cash.difference | rupiah %}
{% if cash.difference > 0 %}
{% assign amount = amount | prepend: '+' %}
{% endif %}
{{ 'Selisih' | row: amount, width }}
{% endif %}
{% if movements.size > 0 %}
{{ width | rule }}
KAS MASUK/KELUAR
{% for movement in movements %}
{% if movement.kind == 'pay_out' %}
{% assign amount = 0 | minus: movement.amount | rupiah %}
{{ 'Keluar' | row: amount, width }}
{% else %}
{% assign amount = movement.amount | rupiah %}
{{ 'Masuk' | row: amount, width }}
{% endif %}
{{ '  ' | append: movement.reason | wrap: width }}
{% assign when = movement.occurredAt | datetime: store.timezone | prepend: '  ' %}
{{ when | row: movement.createdBy.name, width }}
{% endfor %}
{% endif %}
{% if salesLanded.complete == false %}
{{ width | rule: '*' }}
{% assign warning = 'PERHATIAN: ' | append: salesLanded.landed | append: ' dari ' | append: salesLanded.reported | append: ' transaksi sudah terkirim' %}
{{ warning | center: width }}
{{ width | rule: '*' }}
{% else %}
{{ width | rule }}
{% if salesLanded.complete %}
{{ 'Semua ' | append: salesLanded.reported | append: ' transaksi terkirim' | center: width }}
{{ width | rule }}
{% endif %}
{% endif %}
{% assign when = generatedAt | datetime: store.timezone %}
{{ 'Dicetak' | row: when, width }}
{% if footer.size > 0 %}
{{ width | rule }}
{% endif %}
{% for line in footer %}
{{ line | center: width }}
{% endfor %}
`;

/**
 * The shift report as HTML, in the style of the receipt: the same content as the text body, every
 * output HTML-escaped by the engine (outputEscape), reasons and header lines included.
 */
export const shiftReportHtmlTemplate = `<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Laporan shift ({{ kind }}) {{ shift.device.name }}</title>
{% assign paper = '58mm' %}
{% if width == 48 %}
{% assign paper = '80mm' %}
{% endif %}
<style>
body { margin: 0; font: 13px/1.4 ui-monospace, Menlo, Consolas, monospace; color: #111; }
.receipt { width: {{ paper }}; margin: 0 auto; padding: 4mm 2mm; box-sizing: border-box; }
.center { text-align: center; }
.business { font-weight: bold; font-size: 15px; }
.title { font-weight: bold; font-size: 15px; text-align: center; }
.warning { border: 2px solid #b00; color: #b00; text-align: center; font-weight: bold; padding: 4px; margin: 6px 0; }
h2 { font-size: 13px; margin: 0 0 2px; }
table { width: 100%; border-collapse: collapse; }
td { padding: 0; vertical-align: top; }
td.amount { text-align: right; white-space: nowrap; padding-left: 8px; }
.detail td:first-child { padding-left: 12px; }
hr { border: 0; border-top: 1px dashed #111; margin: 6px 0; }
.total td { font-weight: bold; }
</style>
</head>
<body>
<div class="receipt shift-report">
<div class="center">
<div class="business">{{ business.name }}</div>
{% if store.name != business.name %}
<div>{{ store.name }}</div>
{% endif %}
{% if showNpwp and business.npwp %}
<div>NPWP {{ business.npwp }}</div>
{% endif %}
{% for line in header %}
<div>{{ line }}</div>
{% endfor %}
</div>
<hr>
<div class="title">LAPORAN SHIFT ({{ kind }})</div>
{% if kind == 'X' %}
<div class="center">Belum ditutup</div>
{% endif %}
<hr>
<table class="shift">
<tr><td>Perangkat</td><td class="amount">{{ shift.device.name }}</td></tr>
<tr><td>Dibuka</td><td class="amount">{{ shift.openedAt | datetime: store.timezone }}</td></tr>
<tr><td>Oleh</td><td class="amount">{{ shift.openedBy.name }}</td></tr>
{% if shift.closedAt %}
<tr><td>Ditutup</td><td class="amount">{{ shift.closedAt | datetime: store.timezone }}</td></tr>
{% if shift.closedBy %}
<tr><td>Oleh</td><td class="amount">{{ shift.closedBy.name }}</td></tr>
{% endif %}
{% if shift.closure == 'forced' %}
<tr><td colspan="2"><strong>Ditutup paksa</strong></td></tr>
{% endif %}
{% endif %}
{% assign day = shift.businessDate | split: '-' %}
<tr><td>Tanggal bisnis</td><td class="amount">{{ day[2] }}/{{ day[1] }}/{{ day[0] }}</td></tr>
</table>
<hr>
<h2>Penjualan</h2>
<table class="sales">
<tr><td>Jumlah transaksi</td><td class="amount">{{ sales.count }}</td></tr>
<tr><td>Penjualan kotor</td><td class="amount">{{ sales.gross | rupiah }}</td></tr>
{% if sales.discounts %}
<tr><td>Diskon</td><td class="amount">{{ 0 | minus: sales.discounts | rupiah }}</td></tr>
{% endif %}
{% if sales.serviceCharge %}
<tr><td>Biaya layanan</td><td class="amount">{{ sales.serviceCharge | rupiah }}</td></tr>
{% endif %}
{% for tax in taxes %}
<tr><td>{{ tax.regime | tax_label }} {{ tax.rateBasisPoints | percent }}</td><td class="amount">{{ tax.amount | rupiah }}</td></tr>
{% endfor %}
{% if sales.rounding %}
<tr><td>Pembulatan</td><td class="amount">{{ sales.rounding | rupiah }}</td></tr>
{% endif %}
<tr class="total"><td>Total penjualan</td><td class="amount">{{ sales.total | rupiah }}</td></tr>
<tr><td>Refund ({{ refunds.count }} trx)</td><td class="amount">{{ 0 | minus: refunds.amount | rupiah }}</td></tr>
<tr><td>Void ({{ voids.count }} trx)</td><td class="amount">{{ 0 | minus: voids.amount | rupiah }}</td></tr>
</table>
<hr>
<h2>Pembayaran</h2>
<table class="payments">
{% for payment in payments %}
<tr><td>{{ payment.method | payment_label }}</td><td class="amount">{{ payment.amount | rupiah }}</td></tr>
{% endfor %}
{% if netByMethod.size > 0 %}
<tr><td colspan="2">Bersih per metode</td></tr>
{% for net in netByMethod %}
<tr class="detail"><td>{{ net.method | payment_label }}</td><td class="amount">{{ net.amount | rupiah }}</td></tr>
{% endfor %}
{% endif %}
</table>
<hr>
<h2>Kas</h2>
<table class="cash">
<tr><td>Kas awal</td><td class="amount">{{ cash.opening | rupiah }}</td></tr>
<tr><td>Penjualan tunai</td><td class="amount">{{ cash.sales | rupiah }}</td></tr>
<tr><td>Refund tunai</td><td class="amount">{{ 0 | minus: cash.refunds | rupiah }}</td></tr>
<tr><td>Void tunai</td><td class="amount">{{ 0 | minus: cash.voids | rupiah }}</td></tr>
<tr><td>Kas masuk</td><td class="amount">{{ cash.payIns | rupiah }}</td></tr>
<tr><td>Kas keluar</td><td class="amount">{{ 0 | minus: cash.payOuts | rupiah }}</td></tr>
<tr class="total"><td>Kas seharusnya</td><td class="amount">{{ cash.expected | rupiah }}</td></tr>
{% if cash.counted != nil %}
<tr><td>Kas terhitung</td><td class="amount">{{ cash.counted | rupiah }}</td></tr>
<tr class="total"><td>Selisih</td><td class="amount">{% if cash.difference > 0 %}+{% endif %}{{ cash.difference | rupiah }}</td></tr>
{% endif %}
</table>
{% if movements.size > 0 %}
<hr>
<h2>Kas masuk/keluar</h2>
<table class="movements">
{% for movement in movements %}
{% if movement.kind == 'pay_out' %}
<tr><td>Keluar</td><td class="amount">{{ 0 | minus: movement.amount | rupiah }}</td></tr>
{% else %}
<tr><td>Masuk</td><td class="amount">{{ movement.amount | rupiah }}</td></tr>
{% endif %}
<tr class="detail"><td colspan="2">{{ movement.reason }}</td></tr>
<tr class="detail"><td>{{ movement.occurredAt | datetime: store.timezone }}</td><td class="amount">{{ movement.createdBy.name }}</td></tr>
{% endfor %}
</table>
{% endif %}
{% if salesLanded.complete == false %}
<div class="warning">PERHATIAN: {{ salesLanded.landed }} dari {{ salesLanded.reported }} transaksi sudah terkirim</div>
{% else %}
<hr>
{% if salesLanded.complete %}
<div class="center">Semua {{ salesLanded.reported }} transaksi terkirim</div>
<hr>
{% endif %}
{% endif %}
<table>
<tr><td>Dicetak</td><td class="amount">{{ generatedAt | datetime: store.timezone }}</td></tr>
</table>
{% if footer.size > 0 %}
<hr>
{% endif %}
<div class="center footer">
{% for line in footer %}
<div>{{ line }}</div>
{% endfor %}
</div>
</div>
</body>
</html>
`;
