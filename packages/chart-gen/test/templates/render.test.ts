import { renderChartTemplate, TemplateError } from '../../src/templates/render';

describe('renderChartTemplate: Handlebars at generation time, [[ ]] for Helm', () => {
  it('fills Handlebars values and turns [[ ]] into Helm actions', () => {
    const out = renderChartTemplate(
      'name: [[ include "{{chart}}.fullname" . ]]\nport: {{port}}\n',
      { chart: 'otlp-client', port: 4317 },
      't.hbs',
    );
    expect(out).toBe('name: {{ include "otlp-client.fullname" . }}\nport: 4317\n');
  });

  it('refuses a Handlebars value that would inject a Helm action, naming file and line', () => {
    const render = () =>
      renderChartTemplate('a: 1\nb: {{{evil}}}\n', { evil: '{{ .Values.x }}' }, 'x.yaml.hbs');
    expect(render).toThrow(TemplateError);
    expect(render).toThrow('x.yaml.hbs:2: "{{" in Handlebars output');
  });

  it('fails on a Handlebars name the context does not define (strict mode), naming the file', () => {
    expect(() => renderChartTemplate('a: {{missing}}\n', {}, 'y.yaml.hbs')).toThrow(
      /^y\.yaml\.hbs: "missing" not defined/,
    );
  });

  it('indents a block with {{#indent}} and leaves no line for standalone block tags', () => {
    const out = renderChartTemplate(
      'x: |\n{{#indent 2}}a\nb{{/indent}}\n{{#each xs}}\n- {{this}}\n{{/each}}\n',
      { xs: [1, 2] },
      'z.hbs',
    );
    expect(out).toBe('x: |\n  a\n  b\n- 1\n- 2\n');
  });

  it('leaves Helm text that only looks like Handlebars alone when written as [[ ]]', () => {
    expect(renderChartTemplate('[[- if .Values.a ]]x[[ end ]]', {}, 'w.hbs')).toBe(
      '{{- if .Values.a }}x{{ end }}',
    );
  });
});
