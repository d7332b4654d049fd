/**
 * The built-in kitchen ticket bodies ("tiket dapur"): one round of an open bill sent to a kitchen
 * station, or the items taken back after they were sent (a void, "BATAL"). A ticket is read at a
 * glance from a rail above the stove, so it is plain and large: no prices, no company header or
 * footer, the table and the items uppercase between heavy rules. Liquid tags on a line of their
 * own leave no blank line (the engine trims tag lines).
 *
 * Variables: kind, store, ticket, bill, orderedBy, reason, items (KitchenTicketData), plus width
 * (32 or 48 columns). Header and footer are always empty for kitchen tickets.
 *
 * Item lines in the text body: `2 x ES KOPI SUSU (Large)` (quantity and product, the variant in
 * brackets), then each chosen modifier on its own line after `  + `, then the item's note after
 * `  ! ` (the "!" marks what the cook must not miss). Every value is word-wrapped to the width,
 * never cut; a note's line breaks become spaces so its wrapped lines keep the indent.
 */

/**
 * The station's name uppercase ("BAR"), "DAPUR" when the bill has one kitchen; the heading is
 * the table's name ("MEJA 4", "TERAS 2"; a bare "4" or "VIP" becomes "MEJA 4", "MEJA VIP"), else
 * the name the bill was opened under, else its reference.
 */
const stationAndHeading = `{% assign station = 'DAPUR' %}
{% if ticket.station %}
{% assign station = ticket.station | upcase %}
{% endif %}
{% if bill.tableName %}
{% assign heading = bill.tableName | upcase %}
{% assign words = heading | split: ' ' %}
{% if words.size == 1 %}
{% assign heading = heading | prepend: 'MEJA ' %}
{% endif %}
{% elsif bill.name %}
{% assign heading = bill.name | upcase %}
{% else %}
{% assign heading = 'BILL #' | append: bill.reference %}
{% endif %}
`;

export const kitchenTicketTextTemplate = `${stationAndHeading}{% if kind == 'void' %}
{{ width | rule: '*' }}
{{ '*** BATAL ***' | center: width }}
{% if reason %}
{{ 'Alasan: ' | append: reason | center: width }}
{% endif %}
{{ width | rule: '*' }}
{% endif %}
{{ station | center: width }}
{{ width | rule: '=' }}
{{ heading | center: width }}
{% if bill.tableName and bill.name %}
{{ bill.name | center: width }}
{% endif %}
{{ width | rule: '=' }}
{% assign reference = 'Bill #' | append: bill.reference %}
{% if kind == 'order' and ticket.round %}
{% assign round = 'Ronde ' | append: ticket.round %}
{{ reference | row: round, width }}
{% else %}
{{ reference | wrap: width }}
{% endif %}
{% assign when = ticket.createdAt | datetime: store.timezone %}
{{ 'Waktu' | row: when, width }}
{% assign by = 'Oleh: ' | append: orderedBy.name %}
{% if bill.guests %}
{% assign guests = 'Tamu: ' | append: bill.guests %}
{{ by | row: guests, width }}
{% else %}
{{ by | wrap: width }}
{% endif %}
{{ width | rule: '=' }}
{% for item in items %}
{% unless forloop.first %}
{{ width | rule }}
{% endunless %}
{% assign product = item.product | upcase %}
{% assign line = item.quantity | append: ' x ' | append: product %}
{% if item.variant %}
{% assign line = line | append: ' (' | append: item.variant | append: ')' %}
{% endif %}
{{ line | wrap: width }}
{% for modifier in item.modifiers %}
{{ '  + ' | append: modifier | wrap: width }}
{% endfor %}
{% assign note = item.note | default: '' | replace: '\\r', '' | replace: '\\n', ' ' | strip %}
{% if note %}
{{ '  ! ' | append: note | wrap: width }}
{% endif %}
{% endfor %}
{{ width | rule: '=' }}
{% if kind == 'void' %}
{{ '*** BATAL ***' | center: width }}
{{ width | rule: '*' }}
{% endif %}
`;

/**
 * The kitchen ticket as HTML, for a kitchen screen or browser printing, in the style of the
 * receipt: the same content as the text body in a large font, no prices, every output
 * HTML-escaped by the engine (outputEscape), notes and names included. A tag trims the spaces
 * around it, so text with a space next to a tag is assembled with `assign` first.
 */
export const kitchenTicketHtmlTemplate = `${stationAndHeading}<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
{% assign title = station | append: ' ' | append: heading %}
{% if kind == 'void' %}
{% assign title = title | prepend: 'BATAL - ' %}
{% endif %}
<title>{{ title }}</title>
{% assign paper = '58mm' %}
{% if width == 48 %}
{% assign paper = '80mm' %}
{% endif %}
<style>
body { margin: 0; font: 15px/1.35 ui-monospace, Menlo, Consolas, monospace; color: #000; }
.ticket { width: {{ paper }}; margin: 0 auto; padding: 4mm 2mm; box-sizing: border-box; overflow-wrap: anywhere; }
.center { text-align: center; }
.void { border: 3px solid #b00; color: #b00; text-align: center; font-weight: bold; font-size: 1.6em; padding: 4px; margin: 6px 0; }
.void small { display: block; font-size: 0.6em; }
.station { text-align: center; font-weight: bold; font-size: 1.3em; letter-spacing: 0.1em; }
.heading { text-align: center; font-weight: bold; font-size: 2em; }
table { width: 100%; border-collapse: collapse; }
td { padding: 0; vertical-align: top; }
td.value { text-align: right; padding-left: 8px; }
hr { border: 0; border-top: 2px solid #000; margin: 6px 0; }
.items { list-style: none; margin: 0; padding: 0; }
.items li { padding: 4px 0; border-top: 1px dashed #000; }
.items li:first-child { border-top: 0; }
.item { font-weight: bold; font-size: 1.4em; }
.modifier, .note { padding-left: 1.2em; font-size: 1.15em; }
.note { font-weight: bold; font-style: italic; }
</style>
</head>
<body>
{% if kind == 'void' %}
<div class="ticket kitchen-ticket voided">
<div class="void">*** BATAL ***{% if reason %}<small>Alasan: {{ reason }}</small>{% endif %}</div>
{% else %}
<div class="ticket kitchen-ticket">
{% endif %}
<div class="station">{{ station }}</div>
<hr>
<div class="heading">{{ heading }}</div>
{% if bill.tableName and bill.name %}
<div class="center">{{ bill.name }}</div>
{% endif %}
<hr>
<table>
<tr><td>Bill #{{ bill.reference }}</td><td class="value">{% if kind == 'order' and ticket.round %}Ronde {{ ticket.round }}{% endif %}</td></tr>
<tr><td>Waktu</td><td class="value">{{ ticket.createdAt | datetime: store.timezone }}</td></tr>
<tr><td>Oleh: {{ orderedBy.name }}</td><td class="value">{% if bill.guests %}Tamu: {{ bill.guests }}{% endif %}</td></tr>
</table>
<hr>
<ul class="items">
{% for item in items %}
<li>
{% assign variant = '' %}
{% if item.variant %}
{% assign variant = ' (' | append: item.variant | append: ')' %}
{% endif %}
<div class="item">{{ item.quantity }} &times; {{ item.product | upcase }}{{ variant }}</div>
{% for modifier in item.modifiers %}
<div class="modifier">+ {{ modifier }}</div>
{% endfor %}
{% assign note = item.note | default: '' | strip %}
{% if note %}
<div class="note">! {{ note }}</div>
{% endif %}
</li>
{% endfor %}
</ul>
<hr>
{% if kind == 'void' %}
<div class="void">*** BATAL ***</div>
{% endif %}
</div>
</body>
</html>
`;
