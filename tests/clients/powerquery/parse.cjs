// Parses Power Query M with Microsoft's own parser (@microsoft/powerquery-parser 2.0.0), the one behind the
// Power Query editor support in VS Code, so that the templates' M is checked by the grammar Power BI and Excel
// use rather than by a hand-written reader.
// Run: echo '[{"name":"q","text":"let a = 1 in a"}]' | node powerquery/parse.cjs
// Prints one JSON line per expression: {name, ok, error?, position?, identifiers, fields, strings, calls}, where
//   identifiers: names the expression references but does not bind itself (let variables, function
//                parameters, each's _, a record's own fields and section members are bound), e.g. OData.Feed;
//   fields:      every field access [Name] (implicit in each, or on a value), which row columns an expression reads;
//   strings:     every text literal, unescaped;
//   calls:       each call of a named function, with its arguments: the M source, the parts of a & chain (text
//                literals as {text}, anything else as {m}) and, for a record, its fields' M source;
//   members:     for a section document (the Section1.m of a Power Query package), each member's M source.
const PQ = require('@microsoft/powerquery-parser');
const { NodeKind } = PQ.Language.Ast;

/** An identifier as M resolves it: #"Quoted name" and Quoted name are the same name. */
function identifierName(literal) {
  return literal.startsWith('#"') ? literal.slice(2, -1).replace(/""/g, '"') : literal;
}

/** A text literal's value: the quotes removed and "" read as ". */
function textValue(literal) {
  return literal.slice(1, -1).replace(/""/g, '"');
}

/** The child nodes of a node, whatever their property names (the AST has no single children list). */
function children(node) {
  const found = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === 'tokenRange') continue;
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item && typeof item === 'object' && typeof item.kind === 'string') found.push(item);
    }
  }
  return found;
}

/** The elements of a comma-separated array wrapper (Csv nodes unwrapped). */
function csv(wrapper) {
  return wrapper.elements.map(element => element.node);
}

/** The names a node brings into scope for (some of) its children, per the M specification's scoping rules. */
function bindings(node) {
  switch (node.kind) {
    case NodeKind.LetExpression:
      return csv(node.variableList).map(pair => identifierName(pair.key.literal));
    case NodeKind.FunctionExpression:
      return csv(node.parameters.content).map(parameter => identifierName(parameter.name.literal));
    case NodeKind.EachExpression:
      return ['_'];
    case NodeKind.RecordExpression:
      return csv(node.content).map(pair => identifierName(pair.key.literal));
    case NodeKind.Section:
      return node.sectionMembers.elements.map(member => identifierName(member.namePairedExpression.key.literal));
    default:
      return [];
  }
}

function analyse(text, ast) {
  const identifiers = new Set();
  const fields = new Set();
  const strings = [];
  const calls = [];
  const source = node => text.slice(node.tokenRange.positionStart.codeUnit, node.tokenRange.positionEnd.codeUnit);
  const parts = node => node.kind === NodeKind.ArithmeticExpression && node.operatorConstant.constantKind === '&'
    ? [...parts(node.left), ...parts(node.right)]
    : [node.kind === NodeKind.LiteralExpression && node.literalKind === 'Text' ? { text: textValue(node.literal) } : { m: source(node) }];
  const argument = node => ({
    m: source(node),
    parts: parts(node),
    ...(node.kind === NodeKind.RecordExpression
      ? { record: Object.fromEntries(csv(node.content).map(pair => [identifierName(pair.key.literal), source(pair.value)])) }
      : {}),
  });

  function visit(node, scope) {
    switch (node.kind) {
      case NodeKind.IdentifierExpression: {
        const name = identifierName(node.identifier.literal);
        if (!scope.has(name)) identifiers.add(name);
        return;
      }
      case NodeKind.FieldSelector:
        fields.add(identifierName(node.content.literal));
        return;
      case NodeKind.LiteralExpression:
        if (node.literalKind === 'Text') strings.push(textValue(node.literal));
        return;
      case NodeKind.RecursivePrimaryExpression: {
        const first = node.recursiveExpressions.elements[0];
        if (node.head.kind === NodeKind.IdentifierExpression && first?.kind === NodeKind.InvokeExpression) {
          calls.push({ function: identifierName(node.head.identifier.literal), arguments: csv(first.content).map(argument) });
        }
        break;
      }
    }

    const bound = bindings(node);
    const inner = bound.length === 0 ? scope : new Set([...scope, ...bound]);
    for (const child of children(node)) visit(child, inner);
  }

  visit(ast, new Set());
  const members = ast.kind === NodeKind.Section
    ? { members: Object.fromEntries(ast.sectionMembers.elements.map(member =>
        [identifierName(member.namePairedExpression.key.literal), source(member.namePairedExpression.value)])) }
    : {};
  return { identifiers: [...identifiers].sort(), fields: [...fields].sort(), strings, calls, ...members };
}

/** Where the parser stopped: 1-based line and column, when the error says. */
function positionOf(error) {
  const inner = error.innerError;
  const token = inner && PQ.Parser.ParseError.isTInnerParseError(inner) ? PQ.Parser.ParseError.tokenFrom(inner) : undefined;
  const at = token?.positionStart ?? inner?.graphemePosition ?? inner?.positionStart;
  return at ? { line: at.lineNumber + 1, column: at.lineCodeUnit + 1 } : undefined;
}

async function main() {
  let input = '';
  for await (const chunk of process.stdin) input += chunk;
  for (const { name, text } of JSON.parse(input)) {
    const task = await PQ.TaskUtils.tryLexParse(PQ.DefaultSettings, text);
    const line = PQ.TaskUtils.isOk(task)
      ? { name, ok: true, ...analyse(text, task.ast) }
      : { name, ok: false, stage: task.stage, error: task.error.message, position: positionOf(task.error) };
    process.stdout.write(JSON.stringify(line) + '\n');
  }
}

main().catch(error => {
  process.stderr.write(String(error?.stack ?? error) + '\n');
  process.exit(1);
});
