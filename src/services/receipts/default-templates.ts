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
{% assign gross = item.lineTotal | plus: item.lineDiscount | rupiah %}
{% assign each = item.unitPrice | rupiah %}
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
<tr class="detail"><td>{{ item.quantity }} &times; {{ item.unitPrice | rupiah }}</td><td class="amount">{{ item.lineTotal | plus: item.lineDiscount | rupiah }}</td></tr>
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
