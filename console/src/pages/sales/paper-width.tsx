/** Paper widths of thermal printers, in columns, as the API's `width` parameter takes them. */
export type PaperWidth = '32' | '48';

const widths: PaperWidth[] = ['32', '48'];

/** A two-way switch between 58-mm paper (32 columns) and 80-mm paper (48 columns). */
export function PaperWidthToggle({
  name,
  legend,
  value,
  onChange,
  columnsLabel,
}: {
  name: string;
  legend: string;
  value: PaperWidth;
  onChange: (width: PaperWidth) => void;
  columnsLabel: (columns: PaperWidth) => string;
}) {
  return (
    <fieldset className="segmented">
      <legend className="visually-hidden">{legend}</legend>
      {widths.map((columns) => (
        <label key={columns} className={columns === value ? 'active' : undefined}>
          <input
            type="radio"
            name={name}
            checked={columns === value}
            onChange={() => onChange(columns)}
          />
          {columnsLabel(columns)}
        </label>
      ))}
    </fieldset>
  );
}
