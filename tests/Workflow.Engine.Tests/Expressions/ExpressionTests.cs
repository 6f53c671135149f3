using System.Text.Json.Nodes;
using Workflow.Engine.Expressions;
using Workflow.Engine.Runtime;

namespace Workflow.Engine.Tests.Expressions;

public sealed class ExpressionTests
{
    private static readonly ExpressionEvaluator Evaluator = new();

    private static Func<string, (bool, JsonNode?)> Vars(params (string Name, object? Value)[] values)
    {
        var map = values.ToDictionary(v => v.Name, v => TypedValue.FromObject(v.Value).Value);
        return name => map.TryGetValue(name, out var v) ? (true, v) : (false, null);
    }

    [Fact]
    public void A_single_expression_keeps_its_type_and_a_template_becomes_text()
    {
        Assert.Equal(7L, TypedValue.AsLong(Evaluator.Evaluate(Expression.Parse("${a + b}"), Vars(("a", 3), ("b", 4)))));
        Assert.Equal("BranchSecretary:U7", Evaluator.EvaluateString(Expression.Parse("BranchSecretary:${unit}"), Vars(("unit", "U7"))));
        Assert.Equal("lần 2 / 3", Evaluator.EvaluateString(Expression.Parse("lần ${n} / ${total}"), Vars(("n", 2), ("total", 3))));
        Assert.True(Evaluator.EvaluateCondition(Expression.Parse("${level == 'HTXSNV' && score >= 90}"), Vars(("level", "HTXSNV"), ("score", 92))));
    }

    [Fact]
    public void Objects_and_arrays_cross_into_JavaScript_and_back()
    {
        var result = Evaluator.Evaluate(Expression.Parse("${members.filter(m => m.disciplined).map(m => m.name)}"),
            Vars(("members", new[] { new { name = "Hà", disciplined = true }, new { name = "Hùng", disciplined = false } })));
        Assert.Equal("[\"Hà\"]", result!.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }

    [Fact]
    public void Errors_are_expression_exceptions_with_a_reason()
    {
        Assert.Contains("biến chưa có", Assert.Throws<ExpressionException>(() => Evaluator.Evaluate(Expression.Parse("${missing}"), Vars())).Message);
        Assert.Contains("biến chưa có", Assert.Throws<ExpressionException>(() => Evaluator.Evaluate(Expression.Parse("${missing + 1}"), Vars())).Message);
        Assert.Contains("boolean", Assert.Throws<ExpressionException>(() => Evaluator.EvaluateCondition(Expression.Parse("${'yes'}"), Vars())).Message);
        var endless = new ExpressionEvaluator(new ExpressionLimits { Timeout = TimeSpan.FromMilliseconds(50) });
        Assert.Throws<ExpressionException>(() => endless.Evaluate(Expression.Parse("${(() => { while (true) {} })()}"), Vars()));
    }

    [Fact]
    public void No_dotnet_or_eval_is_reachable_from_an_expression()
    {
        Assert.Throws<ExpressionException>(() => Evaluator.Evaluate(Expression.Parse("${System.IO.File}"), Vars()));
        Assert.Throws<ExpressionException>(() => Evaluator.Evaluate(Expression.Parse("${eval('1+1')}"), Vars()));
        Assert.Throws<ExpressionException>(() => Evaluator.Evaluate(Expression.Parse("${new Function('return 1')()}"), Vars()));
    }

    [Fact]
    public void Syntax_errors_are_found_when_parsing()
    {
        Assert.False(Expression.TryParse("${a +}", out _, out var error));
        Assert.Contains("không hợp lệ", error);
        Assert.False(Expression.TryParse("${a", out _, out error));
        Assert.Contains("thiếu dấu đóng", error);
    }

    [Fact]
    public void Numbers_made_from_any_CLR_type_read_back_the_same()
    {
        Assert.Equal(2026L, TypedValue.Integer(2026).ToObject());
        Assert.Equal(2026L, TypedValue.From(JsonNode.Parse("2026")).ToObject());
        Assert.Equal(7.5, TypedValue.Double(7.5).ToObject());
    }
}

/// <summary>Hostile expressions stop with a clear error within the limits, whatever one call tries to allocate or match.</summary>
public sealed class HostileExpressionTests
{
    private static readonly ExpressionEvaluator Evaluator = new();

    private static (bool, JsonNode?) None(string _) => (false, null);

    [Theory]
    [InlineData("${'a'.repeat(500000000).length}")]
    [InlineData("${'a'.padEnd(500000000).length}")]
    [InlineData("${''['rep' + 'eat'].call('x'.repeat(900000), 1000).length}")]
    [InlineData("${(() => { const s = 'x'.repeat(900000); return [[s, s, s], [s, s]].join().length; })()}")]
    [InlineData("${(() => { const s = 'x'.repeat(900000); return String([s, s, s, s]).length; })()}")]
    [InlineData("${(() => { const s = 'x'.repeat(500000); return JSON.stringify(Array(1000).fill(s)).length; })()}")]
    [InlineData("${(() => { const s = 'x'.repeat(1000); return s.replace(/(?:)/g, s).length; })()}")]
    [InlineData("${(() => { const s = 'x'.repeat(500000); return Array(1000).fill(s).reduce((a, b) => a + b).length; })()}")]
    [InlineData("${'x'.repeat(900000).split('').length}")]
    public void One_call_cannot_allocate_past_the_limits(string code)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<ExpressionException>(() => Evaluator.Evaluate(Expression.Parse(code), None));
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        // Refused before the huge string exists: far below the 1 GB the unguarded call allocates.
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 200_000_000, "allocated " + (GC.GetAllocatedBytesForCurrentThread() - before));
    }

    [Fact]
    public void A_catastrophic_regex_is_stopped_by_its_own_timeout()
    {
        var error = Assert.Throws<ExpressionException>(() =>
            Evaluator.Evaluate(Expression.Parse("${/^(a+)+$/.test('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab')}"), None));
        Assert.Contains("quá thời gian", error.Message);
    }

    [Fact]
    public void Ordinary_calls_still_work_under_the_guards()
    {
        var vars = (string name) => name == "names" ? (true, (JsonNode?)new JsonArray("Hà", "Hùng")) : (false, null);
        Assert.Equal("Hà, Hùng", Evaluator.EvaluateString(Expression.Parse("${names.join(', ')}"), vars));
        Assert.Equal("--x", Evaluator.EvaluateString(Expression.Parse("${'x'.padStart(3, '-')}"), vars));
        Assert.Equal("[\"Hà\",\"Hùng\"]", Evaluator.EvaluateString(Expression.Parse("${JSON.stringify(names)}"), vars)!.Normalize());
        Assert.Equal("a-b", Evaluator.EvaluateString(Expression.Parse("${'a b'.replace(' ', '-')}"), vars));
    }
}
