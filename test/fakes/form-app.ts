// A fake of the FormApp methods the bank uses, and `submit`: a teacher's response as Google delivers it
// (a row appended to the destination sheet, and the spreadsheet form-submit event with namedValues and range).
import type { Calls } from './calls';
import type { FakeSpreadsheetApp } from './spreadsheet';
import type { FakeSheet } from './spreadsheet-app';
import { parseTyped } from './typed-input';

export class FakeItem {
  title = '';
  required = false;
  help = '';
  choices: string[] = [];
  other = false;
  validation: unknown = null;
  constructor(
    private readonly calls: Calls,
    readonly id: number,
    readonly type: string,
  ) {}
  private h(m: string): this {
    this.calls.hit(`Item.${m}`);
    return this;
  }
  setTitle(t: string) {
    this.title = t;
    return this.h('setTitle');
  }
  getTitle() {
    this.calls.hit('Item.getTitle');
    return this.title;
  }
  getType() {
    return this.type;
  }
  getId() {
    return this.id;
  }
  setRequired(r: boolean) {
    this.required = r;
    return this.h('setRequired');
  }
  setHelpText(t: string) {
    this.help = t;
    return this.h('setHelpText');
  }
  setChoiceValues(v: string[]) {
    if (!Array.isArray(v) || v.length === 0) throw new Error('Invalid argument: choices');
    this.choices = v.slice();
    return this.h('setChoiceValues');
  }
  showOtherOption(o: boolean) {
    this.other = o;
    return this.h('showOtherOption');
  }
  setValidation(v: unknown) {
    this.validation = v;
    return this.h('setValidation');
  }
  asListItem() {
    this.calls.hit('Item.asListItem');
    if (this.type !== 'LIST') throw new Error('Item is not a list item');
    return this;
  }
  asTextItem() {
    this.calls.hit('Item.asTextItem');
    if (this.type !== 'TEXT') throw new Error('Item is not a text item');
    return this;
  }
  asCheckboxItem() {
    this.calls.hit('Item.asCheckboxItem');
    if (this.type !== 'CHECKBOX') throw new Error('Item is not a checkbox item');
    return this;
  }
  getHelpText() {
    this.calls.hit('Item.getHelpText');
    return this.help;
  }
  /** CheckboxItem/ListItem.getChoices(): Choice objects with getValue(). */
  getChoices() {
    this.calls.hit('Item.getChoices');
    return this.choices.map((v) => ({ getValue: () => v }));
  }
}

export class FakeForm {
  description = '';
  items: FakeItem[] = [];
  destination: string | null = null;
  responsesSheet: FakeSheet | null = null;
  /** The account that created the form: only it (and editors, none here) can open it by id. */
  owner = '';
  private seq = 0;
  constructor(
    private readonly calls: Calls,
    readonly id: string,
    public title: string,
    private readonly linker: (f: FakeForm, ssId: string) => void,
  ) {}
  setDestination(_type: string, ssId: string) {
    this.calls.hit('Form.setDestination');
    this.linker(this, ssId);
    return this;
  }
  private add(type: string) {
    this.calls.hit(`Form.add${type}`);
    const i = new FakeItem(this.calls, ++this.seq, type);
    this.items.push(i);
    return i;
  }
  getId() {
    this.calls.hit('Form.getId');
    return this.id;
  }
  confirmation = '';
  setConfirmationMessage(m: string) {
    this.calls.hit('Form.setConfirmationMessage');
    this.confirmation = m;
    return this;
  }
  getConfirmationMessage() {
    this.calls.hit('Form.getConfirmationMessage');
    return this.confirmation;
  }
  setDescription(d: string) {
    this.calls.hit('Form.setDescription');
    this.description = d;
    return this;
  }
  getPublishedUrl() {
    this.calls.hit('Form.getPublishedUrl');
    return `https://docs.google.com/forms/d/e/${this.id}/viewform`;
  }
  getEditUrl() {
    return `https://docs.google.com/forms/d/${this.id}/edit`;
  }
  addTextItem() {
    return this.add('TEXT');
  }
  addParagraphTextItem() {
    return this.add('PARAGRAPH_TEXT');
  }
  addListItem() {
    return this.add('LIST');
  }
  addMultipleChoiceItem() {
    return this.add('MULTIPLE_CHOICE');
  }
  addDateItem() {
    return this.add('DATE');
  }
  addCheckboxItem() {
    return this.add('CHECKBOX');
  }
  getItems(type?: string) {
    this.calls.hit('Form.getItems');
    return this.items.filter((i) => !type || i.type === type);
  }
  item(title: string) {
    const i = this.items.find((x) => x.title === title);
    if (!i) throw new Error(`no item ${title}`);
    return i;
  }
}

/**
 * The event's Range, as Apps Script hands it: its methods belong to this object — called on a copy (say, the object
 * a schema returns after validating the event), they fail as a service method does.
 */
export class FakeEventRange {
  constructor(
    private readonly row: number,
    private readonly sheet: FakeSheet,
    private readonly values: unknown[],
  ) {}
  private own(): this {
    if (!(this instanceof FakeEventRange)) throw new Error('Exception: Cannot call method "getRow" of an object that is not a Range.');
    return this;
  }
  getRow(): number {
    return this.own().row;
  }
  getSheet(): FakeSheet {
    return this.own().sheet;
  }
  getValues(): unknown[][] {
    return [this.own().values];
  }
}

export class FakeFormApp {
  readonly forms = new Map<string, FakeForm>();
  private seq = 0;
  constructor(
    private readonly calls: Calls,
    private readonly sheets: FakeSpreadsheetApp,
    /** Google's clock, which stamps a response when it is submitted: the test's (FakeClock). */
    private readonly now: () => number,
  ) {}
  get DestinationType() {
    return { SPREADSHEET: 'SPREADSHEET' };
  }
  get ItemType() {
    return { LIST: 'LIST', TEXT: 'TEXT', MULTIPLE_CHOICE: 'MULTIPLE_CHOICE', DATE: 'DATE', CHECKBOX: 'CHECKBOX' };
  }
  create(title: string) {
    this.calls.hit('FormApp.create');
    const f = new FakeForm(this.calls, `form-${++this.seq}`, title, (form, id) => void this.link(form, id));
    f.owner = this.sheets.runner();
    this.forms.set(f.id, f);
    return f;
  }
  openById(id: string) {
    this.calls.hit('FormApp.openById');
    const f = this.forms.get(id);
    if (!f || f.owner !== this.sheets.runner()) throw new Error('No item with the given ID could be found, or you do not have permission to access it.');
    return f;
  }
  /**
   * Text validation as the bank uses it: an e-mail, a maximum length or a pattern (Google refuses a non-matching answer
   * in the form; the rule's help text is what the teacher reads). The last require… call is the rule, as in Forms.
   */
  createTextValidation() {
    let built: { kind: string; max?: number; pattern?: string; help?: string } = { kind: 'email' };
    let help = '';
    const b = {
      setHelpText: (t: string) => ((help = t), b),
      requireTextIsEmail: () => ((built = { kind: 'email' }), b),
      requireTextLengthLessThanOrEqualTo: (max: number) => ((built = { kind: 'maxLength', max }), b),
      requireTextMatchesPattern: (pattern: string) => {
        new RegExp(pattern, 'u'); // an invalid pattern fails here, as Forms refuses it
        built = { kind: 'pattern', pattern };
        return b;
      },
      build: () => ({ ...built, help }),
    };
    return b;
  }
  /** Links a form to a spreadsheet: Google adds «Ответы на форму (1)» with a timestamp and one column per item. */
  link(form: FakeForm, ssId: string): FakeSheet {
    const ss = this.sheets.files.get(ssId);
    if (!ss) throw new Error('Spreadsheet not found');
    const sheet = ss.insertSheet('Ответы на форму (1)');
    sheet.formUrl = form.getEditUrl();
    const header = ['Отметка времени', ...form.items.map((i) => i.title)];
    header.forEach((h, j) => (sheet.cell(1, j + 1).v = h));
    sheet.frozenRows = 1;
    form.destination = ssId;
    form.responsesSheet = sheet;
    return sheet;
  }
  /**
   * A teacher submits: required items must be answered and list/choice answers must be among the choices
   * (Google enforces both in the form UI). Returns the spreadsheet form-submit event.
   */
  submit(form: FakeForm, answers: Record<string, string>, at = new Date(this.now())) {
    const sheet = form.responsesSheet;
    if (!sheet) throw new Error('The form has no destination');
    for (const i of form.items) {
      const a = answers[i.title];
      if (i.required && (a === undefined || a === '')) throw new Error(`Required item not answered: ${i.title}`);
      const v = i.validation as { kind?: string; max?: number; pattern?: string; help?: string } | null;
      if (a && v?.kind === 'maxLength' && a.length > (v.max ?? Infinity)) throw new Error(`Answer too long for ${i.title}`);
      if (a && v?.kind === 'pattern' && !new RegExp(v.pattern as string, 'u').test(a)) throw new Error(`Form refuses ${i.title}: ${v.help}`);
      if (a && (i.type === 'LIST' || (i.type === 'MULTIPLE_CHOICE' && !i.other) || i.type === 'CHECKBOX') && !i.choices.includes(a))
        throw new Error(`Not a choice of ${i.title}: ${a}`);
    }
    // The first row after the last answered one; a full sheet grows by a row formatted like the one above (as Google does).
    const row = sheet.lastRow() + 1;
    if (row > sheet.maxRows) sheet.insertRowsAfter(sheet.maxRows, 1);
    const values = [at, ...form.items.map((i) => answers[i.title] ?? '')];
    // Google stores a date answer as a date and the rest as typed input: a digit-only answer becomes a number («007» → 7,
    // «+79001234567» → 79001234567) unless its column is plain text ('@'). A formula-looking answer stays text.
    values.forEach((v, j) => {
      const cell = sheet.cell(row, j + 1);
      const dm = typeof v === 'string' && form.items[j - 1]?.type === 'DATE' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(v) : null;
      const typed = parseTyped(v, cell.fmt);
      cell.v = dm ? new Date(Number(dm[1]), Number(dm[2]) - 1, Number(dm[3])) : typed.formula ? v : typed.value;
    });
    sheet.touch();
    const fmt = (v: unknown) =>
      v instanceof Date ? `${String(v.getDate()).padStart(2, '0')}.${String(v.getMonth() + 1).padStart(2, '0')}.${v.getFullYear()}` : String(v);
    const namedValues: Record<string, string[]> = { 'Отметка времени': [fmt(at)] };
    // The event carries the answers as submitted (text), dates as the sheet shows them.
    form.items.forEach((i, j) => (namedValues[i.title] = [i.type === 'DATE' ? fmt(sheet.cell(row, j + 2).v) : String(values[j + 1])]));
    return {
      authMode: 'FULL',
      triggerUid: 't-form',
      namedValues,
      values: values.map(fmt),
      range: new FakeEventRange(row, sheet, values),
    };
  }
}
