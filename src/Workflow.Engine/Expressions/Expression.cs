using System.Collections.Concurrent;
using System.Text;
using Jint;
using JsEngine = Jint.Engine;

namespace Workflow.Engine.Expressions;

/// <summary>
/// A parsed attribute value: plain text, one <c>${…}</c> expression, or text with embedded expressions
/// ("Nhắc lần ${n}"). The code inside the braces is JavaScript, run by Jint under limits (see
/// <see cref="ExpressionEvaluator"/>). Parsing happens at deploy, so a syntax error fails the deployment.
/// </summary>
public sealed class Expression
{
    private static readonly ConcurrentDictionary<string, Prepared<Acornima.Ast.Script>> Cache = new();

    private Expression(string text, IReadOnlyList<Segment> segments)
    {
        Text = text;
        Segments = segments;
        var nodes = segments.Where(s => s.Script is not null).SelectMany(s => NodesOf(s.Script!.Value.Program!)).ToList();
        Names = nodes.OfType<Acornima.Ast.Identifier>().Select(i => i.Name).ToHashSet();
        Calls = nodes.Any(n => n is Acornima.Ast.CallExpression or Acornima.Ast.NewExpression or Acornima.Ast.TaggedTemplateExpression);
    }

    /// <summary>Every identifier the code mentions: the candidates for variables.</summary>
    internal IReadOnlySet<string> Names { get; }

    /// <summary>
    /// True when the code calls a function (a call, <c>new</c>, a tagged template): only such code can make a string
    /// or array many times larger than its inputs in one step, so only it gets the built-in guards.
    /// </summary>
    internal bool Calls { get; }

    private static IEnumerable<Acornima.Ast.Node> NodesOf(Acornima.Ast.Node node)
    {
        var stack = new Stack<Acornima.Ast.Node>();
        stack.Push(node);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            yield return current;

            foreach (var child in current.ChildNodes)
            {
                if (child is not null)
                {
                    stack.Push(child);
                }
            }
        }
    }

    public string Text { get; }
    internal IReadOnlyList<Segment> Segments { get; }

    /// <summary>True when the text holds no expression at all.</summary>
    public bool IsLiteral => Segments.All(s => s.Code is null);

    /// <summary>True when the whole text is one expression, whose result keeps its type (number, boolean, object).</summary>
    public bool IsSingle => Segments.Count == 1 && Segments[0].Code is not null;

    internal sealed record Segment(string? Literal, string? Code, Prepared<Acornima.Ast.Script>? Script)
    {
        /// <summary>Set when the code is a bare variable name: read directly, without starting a script engine.</summary>
        public string? Identifier { get; } = Code is not null && IsIdentifier(Code) ? Code : null;
    }

    private static bool IsIdentifier(string code) =>
        code.Length > 0 && (char.IsLetter(code[0]) || code[0] is '_' or '$') && code.All(c => char.IsLetterOrDigit(c) || c is '_' or '$')
        && code is not ("true" or "false" or "null" or "undefined" or "this" or "NaN" or "Infinity");

    public static bool ContainsExpression(string? text) =>
        text is not null && (text.Contains("${", StringComparison.Ordinal) || text.Contains("#{", StringComparison.Ordinal));

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="error"/> says why, in Vietnamese.</summary>
    public static bool TryParse(string text, out Expression expression, out string? error)
    {
        expression = null!;
        error = null;
        var segments = new List<Segment>();
        var literal = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            var isStart = i + 1 < text.Length && (text[i] == '$' || text[i] == '#') && text[i + 1] == '{';
            if (!isStart)
            {
                literal.Append(text[i++]);
                continue;
            }

            var end = FindClosingBrace(text, i + 2);
            if (end < 0)
            {
                error = $"Biểu thức thiếu dấu đóng '}}': {text}";
                return false;
            }

            var code = text[(i + 2)..end].Trim();
            if (code.Length == 0)
            {
                error = $"Biểu thức rỗng: {text}";
                return false;
            }

            Prepared<Acornima.Ast.Script> script;
            try
            {
                script = Cache.GetOrAdd(code, static c => JsEngine.PrepareScript("(" + c + "\n)", options: new ScriptPreparationOptions { ParsingOptions = new ScriptParsingOptions { Tolerant = false } }));
            }
            catch (Exception ex) when (ex is ScriptPreparationException or Acornima.ParseErrorException or Jint.Runtime.JavaScriptException or Acornima.SyntaxErrorException)
            {
                error = $"Biểu thức không hợp lệ \"{code}\": {(ex.InnerException ?? ex).Message}";
                return false;
            }

            if (literal.Length > 0)
            {
                segments.Add(new Segment(literal.ToString(), null, null));
                literal.Clear();
            }

            segments.Add(new Segment(null, code, script));
            i = end + 1;
        }

        if (literal.Length > 0 || segments.Count == 0)
        {
            segments.Add(new Segment(literal.ToString(), null, null));
        }

        expression = new Expression(text, segments);
        return true;
    }

    private static readonly ConcurrentDictionary<string, Expression> Parsed = new();

    /// <summary>Parses (once per distinct text; parsed expressions are immutable and shared) or throws.</summary>
    public static Expression Parse(string text) =>
        Parsed.TryGetValue(text, out var cached) ? cached
        : TryParse(text, out var expression, out var error) ? Parsed.GetOrAdd(text, expression)
        : throw new FormatException(error);

    /// <summary>Finds the brace closing an expression, skipping braces inside JavaScript strings and nested objects.</summary>
    private static int FindClosingBrace(string text, int from)
    {
        var depth = 0;
        char? quote = null;
        for (var i = from; i < text.Length; i++)
        {
            var c = text[i];
            if (quote is not null)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == quote)
                {
                    quote = null;
                }

                continue;
            }

            switch (c)
            {
                case '\'' or '"' or '`':
                    quote = c;
                    break;
                case '{':
                    depth++;
                    break;
                case '}' when depth == 0:
                    return i;
                case '}':
                    depth--;
                    break;
            }
        }

        return -1;
    }
}
