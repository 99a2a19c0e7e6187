// RFC 4180 CSV: quoted fields may hold commas, quotes ("") and line breaks. Answers rows of strings.
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  const src = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"' && field === '') {
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else {
      field += c;
    }
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((f) => f.trim() !== ''));
}

/** Records from a CSV (first line = header) or a JSON file ({"images": [...]} or a plain array). */
export function readRecords(name, text) {
  if (/\.json$/i.test(name) || /^\s*[[{]/.test(text)) {
    let data;
    try {
      data = JSON.parse(text);
    } catch (e) {
      throw new Error(`${name} is not valid JSON: ${e.message}`);
    }
    const list = Array.isArray(data) ? data : data && Array.isArray(data.images) ? data.images : null;
    if (!list) throw new Error(`${name}: expected a list of images or {"images": [...]}`);
    const columns = [...new Set(list.flatMap((r) => (r && typeof r === 'object' ? Object.keys(r) : [])))];
    const records = list.map((r) => Object.fromEntries(columns.map((c) => [c, r && r[c] !== undefined && r[c] !== null ? String(r[c]) : ''])));
    return { columns, records };
  }
  const rows = parseCsv(text);
  if (rows.length < 2) throw new Error(`${name} needs a header line and at least one row`);
  const columns = rows[0].map((c) => c.trim());
  const records = rows.slice(1).map((r) => Object.fromEntries(columns.map((c, i) => [c, (r[i] ?? '').trim()])));
  return { columns, records };
}
