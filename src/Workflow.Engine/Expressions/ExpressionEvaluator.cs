using System.Text;
using System.Text.Json.Nodes;
using Jint;
using Jint.Native;
using Jint.Runtime;
using JsEngine = Jint.Engine;

namespace Workflow.Engine.Expressions;

/// <summary>Limits for one evaluation: a condition that loops forever becomes an incident, not a hung worker.</summary>
public sealed record ExpressionLimits
{
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMilliseconds(250);
    public int MaxStatements { get; init; } = 10_000;
    public int MaxRecursion { get; init; } = 64;
    public long MaxMemoryBytes { get; init; } = 8 * 1024 * 1024;

    /// <summary>How long one regular expression may try to match (Jint's own default is 10 s).</summary>
    public TimeSpan RegexTimeout { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The largest array a script may make.</summary>
    public uint MaxArraySize { get; init; } = 10_000;

    /// <summary>
    /// The longest string the built-ins that multiply text (repeat, padStart/End, join, concat, replace, JSON.stringify)
    /// may produce: Jint checks its memory limit between statements, so one call making a huge string would pass it.
    /// </summary>
    public int MaxStringLength { get; init; } = 1_000_000;
}

/// <summary>An expression failed (syntax, unknown variable, exception, limit): the element gets an incident.</summary>
public sealed class ExpressionException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Evaluates <see cref="Expression"/>s with Jint in strict mode, with no access to .NET, under time, statement,
/// recursion and memory limits. Variables are given as JSON values and come back as JSON values, so what an expression
/// sees is exactly what the engine stores.
/// </summary>
public sealed class ExpressionEvaluator(ExpressionLimits? limits = null)
{
    private readonly ExpressionLimits _limits = limits ?? new ExpressionLimits();
    private Prepared<Acornima.Ast.Script>? _guards;

    /// <summary>
    /// Replaces the built-ins that can multiply the length of a string in one call with versions that first check the
    /// result's length (and JSON.stringify with one that first measures its input within the budget).
    /// </summary>
    private Prepared<Acornima.Ast.Script> Guards => _guards ??= JsEngine.PrepareScript($$"""
        (function () {
          'use strict';
          const max = {{_limits.MaxStringLength}};
          const tooLong = () => { throw new RangeError('Chuỗi kết quả dài quá ' + max + ' ký tự.'); };
          const define = (o, n, f) => Object.defineProperty(o, n, { value: f, writable: true, configurable: true, enumerable: false });
          const len = (v) => typeof v === 'string' ? v.length : (v === null || v === undefined) ? 0 : String(v).length;
          const S = String.prototype, A = Array.prototype;
          const repeat = S.repeat, padStart = S.padStart, padEnd = S.padEnd, concat = S.concat, replace = S.replace,
            replaceAll = S.replaceAll, join = A.join, stringify = JSON.stringify;
          define(S, 'repeat', function (n) { if (len(this) * Math.max(0, Number(n) || 0) > max) tooLong(); return repeat.call(this, n); });
          define(S, 'padStart', function (n, f) { if (Number(n) > max) tooLong(); return padStart.call(this, n, f); });
          define(S, 'padEnd', function (n, f) { if (Number(n) > max) tooLong(); return padEnd.call(this, n, f); });
          define(S, 'concat', function (...a) { let n = len(this); for (const x of a) { n += len(x); if (n > max) tooLong(); } return concat.apply(this, a); });
          const replacing = (f) => function (p, r) {
            const s = String(this);
            if (typeof r !== 'function' && s.length + (s.length + 1) * len(r) > max) tooLong();
            const out = f.call(this, p, r);
            if (out.length > max) tooLong();
            return out;
          };
          define(S, 'replace', replacing(replace));
          define(S, 'replaceAll', replacing(replaceAll));
          define(A, 'join', function (sep) {
            const s = sep === undefined ? 1 : len(sep);
            let n = 0;
            for (let i = 0; i < this.length; i++) { n += len(this[i]) + s; if (n > max) tooLong(); }
            return join.call(this, sep);
          });
          const measure = (v) => {
            let n = 0;
            const stack = [v];
            while (stack.length > 0) {
              const x = stack.pop();
              if (typeof x === 'string') n += x.length + 2;
              else if (x !== null && typeof x === 'object') {
                if (Array.isArray(x)) { n += 2; for (let i = 0; i < x.length; i++) stack.push(x[i]); }
                else { n += 2; for (const k of Object.keys(x)) { n += k.length + 4; stack.push(x[k]); } }
              } else n += 8;
              if (n > max) tooLong();
            }
          };
          define(JSON, 'stringify', function (v, r, sp) { measure(v); const out = stringify(v, r, sp); if (out !== undefined && out.length > max) tooLong(); return out; });
        })();
        """);

    /// <summary>Evaluates to a JSON value (null for JavaScript null/undefined).</summary>
    public JsonNode? Evaluate(Expression expression, Func<string, (bool Found, JsonNode? Value)> variables, IReadOnlyDictionary<string, JsonNode?>? globals = null)
    {
        if (expression.IsLiteral)
        {
            return JsonValue.Create(expression.Segments.Count == 0 ? "" : expression.Segments[0].Literal ?? "");
        }

        // Most attributes are a bare variable (${assignee}, BranchSecretary:${unit}): no script engine for those.
        if (expression.Segments.All(s => s.Code is null || (s.Identifier is not null && globals is null)))
        {
            if (expression.IsSingle)
            {
                return Variable(expression.Segments[0].Identifier!, variables)?.DeepClone();
            }

            var text = new StringBuilder();
            foreach (var segment in expression.Segments)
            {
                text.Append(segment.Code is null ? segment.Literal : Describe(Variable(segment.Identifier!, variables)) is var v && v == "null" ? "" : v);
            }

            return JsonValue.Create(text.ToString());
        }

        var engine = NewEngine(variables, globals, expression);
        if (expression.IsSingle)
        {
            return ToJson(engine, Run(engine, expression.Segments[0]));
        }

        var sb = new StringBuilder();
        foreach (var segment in expression.Segments)
        {
            if (segment.Code is null)
            {
                sb.Append(segment.Literal);
            }
            else
            {
                var value = Run(engine, segment);
                sb.Append(value.IsNull() || value.IsUndefined() ? "" : TypeConverter.ToString(value));
            }
        }

        return JsonValue.Create(sb.ToString());
    }

    /// <summary>Evaluates a condition; anything but a boolean result is an error, as in Camunda.</summary>
    public bool EvaluateCondition(Expression expression, Func<string, (bool Found, JsonNode? Value)> variables)
    {
        var result = Evaluate(expression, variables);
        if (result is JsonValue v && v.TryGetValue<bool>(out var b))
        {
            return b;
        }

        throw new ExpressionException($"Điều kiện \"{expression.Text}\" phải cho kết quả đúng/sai (boolean), nhưng cho: {result?.ToJsonString() ?? "null"}.");
    }

    /// <summary>Evaluates to text (assignee, candidate groups, form key...); null stays null.</summary>
    public string? EvaluateString(Expression expression, Func<string, (bool Found, JsonNode? Value)> variables)
    {
        var result = Evaluate(expression, variables);
        return result switch
        {
            null => null,
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            JsonValue v => v.ToJsonString(),
            _ => result.ToJsonString(),
        };
    }

    private static JsonNode? Variable(string name, Func<string, (bool Found, JsonNode? Value)> variables)
    {
        var (found, value) = variables(name);
        return found ? value : throw new ExpressionException($"Biểu thức \"{name}\" dùng biến chưa có: {name} is not defined");
    }

    private JsEngine NewEngine(Func<string, (bool Found, JsonNode? Value)> variables, IReadOnlyDictionary<string, JsonNode?>? globals, Expression expression)
    {
        var engine = new JsEngine(o =>
        {
            o.Strict()
                .TimeoutInterval(_limits.Timeout)
                .MaxStatements(_limits.MaxStatements)
                .LimitRecursion(_limits.MaxRecursion)
                .LimitMemory(_limits.MaxMemoryBytes)
                .DisableStringCompilation();
            o.Constraints.RegexTimeout = _limits.RegexTimeout;
            o.Constraints.MaxArraySize = _limits.MaxArraySize;
        });
        if (expression.Calls)
        {
            engine.Execute(Guards);
        }

        if (globals is not null)
        {
            foreach (var (name, value) in globals)
            {
                engine.SetValue(name, FromJson(engine, value));
            }
        }

        // Only the names the expression mentions are looked up and converted; an unknown name stays undefined and
        // strict mode turns its use into a ReferenceError, reported as "variable not found".
        foreach (var name in expression.Names)
        {
            var (found, value) = variables(name);
            if (found)
            {
                engine.SetValue(name, FromJson(engine, value));
            }
        }

        return engine;
    }

    private static JsValue Run(JsEngine engine, Expression.Segment segment)
    {
        try
        {
            return engine.Evaluate(segment.Script!.Value);
        }
        catch (TimeoutException ex)
        {
            throw new ExpressionException($"Biểu thức \"{segment.Code}\" chạy quá thời gian cho phép.", ex);
        }
        catch (StatementsCountOverflowException ex)
        {
            throw new ExpressionException($"Biểu thức \"{segment.Code}\" vượt quá số lệnh cho phép (có thể là vòng lặp vô hạn).", ex);
        }
        catch (RecursionDepthOverflowException ex)
        {
            throw new ExpressionException($"Biểu thức \"{segment.Code}\" đệ quy quá sâu.", ex);
        }
        catch (MemoryLimitExceededException ex)
        {
            throw new ExpressionException($"Biểu thức \"{segment.Code}\" dùng quá nhiều bộ nhớ.", ex);
        }
        catch (JavaScriptException ex) when (ex.Error.IsObject() && ex.Error.AsObject().Get("name").ToString() == "ReferenceError")
        {
            throw new ExpressionException($"Biểu thức \"{segment.Code}\" dùng biến chưa có: {ex.Message}", ex);
        }
        catch (JavaScriptException ex)
        {
            throw new ExpressionException($"Biểu thức \"{segment.Code}\" lỗi: {ex.Message}", ex);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or JintException)
        {
            throw new ExpressionException($"Biểu thức \"{segment.Code}\" lỗi: {ex.Message}", ex);
        }
    }

    internal static JsValue FromJson(JsEngine engine, JsonNode? value) => value switch
    {
        null => JsValue.Null,
        JsonValue v when v.TryGetValue<bool>(out var b) => b ? JsBoolean.True : JsBoolean.False,
        JsonValue v when v.TryGetValue<string>(out var s) => new JsString(s),
        JsonValue v when Runtime.TypedValue.AsDouble(v) is { } d => new JsNumber(d),
        _ => new Jint.Native.Json.JsonParser(engine).Parse(value.ToJsonString()),
    };

    internal static JsonNode? ToJson(JsEngine engine, JsValue value)
    {
        if (value.IsNull() || value.IsUndefined())
        {
            return null;
        }

        if (value.IsBoolean())
        {
            return JsonValue.Create(value.AsBoolean());
        }

        if (value.IsString())
        {
            return JsonValue.Create(value.AsString());
        }

        if (value.IsNumber())
        {
            var d = value.AsNumber();
            return d == Math.Floor(d) && Math.Abs(d) < 9_007_199_254_740_992d
                ? JsonValue.Create((long)d)
                : JsonValue.Create(d);
        }

        var json = new Jint.Native.Json.JsonSerializer(engine).Serialize(value, JsValue.Undefined, JsValue.Undefined);
        return json.IsUndefined() ? null : JsonNode.Parse(json.AsString());
    }

    internal static string Describe(JsonNode? value) =>
        value is null ? "null" : value is JsonValue v && v.TryGetValue<string>(out var s) ? s : value.ToJsonString();
}
