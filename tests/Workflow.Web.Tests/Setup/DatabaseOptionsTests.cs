using Npgsql;
using Workflow.Web.Data;

namespace Workflow.Web.Tests.Setup;

/// <summary>The PostgreSQL connection string the product uses: its session options added, an operator's own kept.</summary>
public sealed class DatabaseOptionsTests
{
    private static NpgsqlConnectionStringBuilder Effective(string connection, string? cost = "1.1") =>
        new(new DatabaseOptions { PostgresConnectionString = connection, PostgresRandomPageCost = cost }.EffectivePostgresConnectionString());

    [Fact]
    public void The_random_page_cost_is_added_to_the_sessions_options()
    {
        var built = Effective("Host=db;Username=app;Password=secret");
        Assert.Equal("-c random_page_cost=1.1", built.Options);
        Assert.Equal("db", built.Host);
        Assert.Equal("secret", built.Password);
    }

    [Fact]
    public void Options_already_given_are_kept_and_an_operators_own_cost_wins()
    {
        Assert.Equal("-c statement_timeout=5000 -c random_page_cost=1.1", Effective("Host=db;Options=-c statement_timeout=5000").Options);
        Assert.Equal("-c random_page_cost=2", Effective("Host=db;Options=-c random_page_cost=2").Options);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("abc")]
    [InlineData("-1")]
    public void An_empty_or_unusable_cost_leaves_the_servers_setting(string? cost) =>
        Assert.Null(Effective("Host=db", cost).Options);
}
