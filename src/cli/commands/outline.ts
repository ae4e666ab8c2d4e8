import type { CliCommand } from '../command';
import { CliError, ExitCode, oneLine, readTextFile, type CliIo } from '../io';
import { parseCommandArgs } from '../args';
import { forEachNode, outlineNote, type NoteOutline, type TaxonomyNode } from '../../core/notes/index';
import { termIdsInText } from '../../core/glossary/index';

const USAGE = 'outline NOTE.md [--json]';

/**
 * `kvm-lab outline`. The glossary's term finder is injected rather than imported so that the
 * notes command builds and tests on its own; `outlineCommand`, the registered instance, uses the glossary's.
 */
export function createOutlineCommand(findTerms?: (label: string) => string[]): CliCommand {
  return {
    name: 'outline',
    usage: USAGE,
    summary: "the note's taxonomy tree (headings and list items)",
    async run(argv: readonly string[], io: CliIo): Promise<number> {
      const { positional, flags } = parseCommandArgs(argv, { json: 'boolean' });
      if (positional.length !== 1) {
        throw new CliError(`expected one note file: kvm-lab ${USAGE}`, ExitCode.usage);
      }
      const path = positional[0];
      const outline = outlineNote(await readTextFile(io, path), { findTerms });
      // Nothing to show and a reason why: the input was wrong, not merely empty.
      if (outline.nodeCount === 0 && outline.warnings.length > 0) {
        throw new CliError(`${path}: ${outline.warnings[0]}`);
      }
      for (const warning of outline.warnings) io.err(`kvm-lab outline: ${oneLine(path)}: warning: ${warning}\n`);
      if (flags.has('json')) {
        io.out(outlineJson(outline.roots) + '\n');
      } else if (outline.nodeCount === 0) {
        io.err(`kvm-lab outline: ${oneLine(path)}: no headings or list items\n`);
      } else {
        io.out(outlineText(outline));
      }
      return ExitCode.ok;
    },
  };
}

export const outlineCommand: CliCommand = createOutlineCommand(termIdsInText);

/** The JSON of `product.md`: an array of root nodes with exactly these keys, in this order. */
export function outlineJson(roots: readonly TaxonomyNode[]): string {
  return JSON.stringify(roots, ['label', 'kind', 'line', 'terms', 'children'], 2);
}

/**
 * An indented tree, one node per line: `L<line>` first so that lines up with an editor's gutter,
 * two spaces per level, `#` for headings and `-` for items as in the Markdown itself.
 */
export function outlineText(outline: NoteOutline): string {
  let lastLine = 0;
  forEachNode(outline.roots, (node) => (lastLine = Math.max(lastLine, node.line)));
  const width = String(lastLine).length + 1;
  const lines: string[] = outline.title !== undefined ? [`title: ${outline.title}`] : [];
  forEachNode(outline.roots, (node, depth) => {
    const marker = node.kind === 'heading' ? '# ' : '- ';
    const terms = node.terms.length > 0 ? `  [${node.terms.join(', ')}]` : '';
    lines.push(`${`L${node.line}`.padEnd(width)}  ${'  '.repeat(depth)}${marker}${node.label}${terms}`);
  });
  return lines.join('\n') + '\n';
}
