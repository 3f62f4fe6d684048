import Handlebars from 'handlebars';

/**
 * Handlebars and Helm both use {{ }}. Chart templates (chart-templates/*.hbs) therefore write every
 * Helm action as [[ … ]] and keep {{ }} for Handlebars, which fills in generation-time data (chart
 * name, ports, metric names). After Handlebars has run, [[ and ]] become {{ and }}. Output that
 * still contains {{ or }} before that swap means a Handlebars value tried to inject a Helm action
 * (or a template forgot the convention), and generation stops.
 */
export class TemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateError';
  }
}

const hbs = Handlebars.create();
hbs.registerHelper('json', (value: unknown) => JSON.stringify(value));
/** {{#indent N}}…{{/indent}}: indents every non-empty line of the block by N spaces. */
hbs.registerHelper('indent', function (this: unknown, width: number, options: Handlebars.HelperOptions) {
  const pad = ' '.repeat(width);
  return options
    .fn(this)
    .split('\n')
    .map((line) => (line.trim() === '' ? '' : pad + line))
    .join('\n');
});

export function renderChartTemplate(source: string, context: object, file: string): string {
  let rendered: string;
  try {
    rendered = hbs.compile(source, { noEscape: true, strict: true })(context);
  } catch (err) {
    throw new TemplateError(`${file}: ${(err as Error).message}`);
  }
  const stray = /\{\{|\}\}/.exec(rendered);
  if (stray) {
    const line = rendered.slice(0, stray.index).split('\n').length;
    throw new TemplateError(
      `${file}:${line}: "${stray[0]}" in Handlebars output; write Helm actions as [[ … ]]`,
    );
  }
  // Drop lines that only held Handlebars block tags ({{#each}} …), keeping the YAML tidy.
  return rendered
    .replace(/\[\[/g, '{{')
    .replace(/\]\]/g, '}}')
    .replace(/^[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n');
}
