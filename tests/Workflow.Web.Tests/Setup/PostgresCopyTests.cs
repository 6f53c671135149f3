using Npgsql;
using Workflow.Web.Data;

namespace Workflow.Web.Tests.Setup;

/// <summary>
/// The binary COPY behind set-based inserts on PostgreSQL writes each value as its column's type: enums as numbers,
/// times as UTC, whole numbers at the column's width, numbers into booleans, nulls; an unknown column is refused
/// before anything is written, and a broken key fails the COPY whole.
/// </summary>
public sealed class PostgresCopyTests
{
    private enum Colour
    {
        Red = 1,
        Green = 2,
    }

    [Fact]
    public async Task Values_are_written_as_their_columns_types_and_a_bad_row_writes_nothing()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Postgres);
        await using var connection = new NpgsqlConnection(database.PostgresConnectionString);
        await connection.OpenAsync();
        await using (var create = new NpgsqlCommand("""
            CREATE TABLE "CopyProbe" ("Id" uuid PRIMARY KEY, "Colour" integer NOT NULL, "Big" bigint, "Small" smallint, "Flag" boolean NOT NULL,
              "At" timestamp with time zone, "Day" date, "Text" text)
            """, connection))
        {
            await create.ExecuteNonQueryAsync();
        }

        var (first, second) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        var at = new DateTime(2026, 12, 5, 10, 30, 0, DateTimeKind.Unspecified);
        string[] columns = ["Id", "Colour", "Big", "Small", "Flag", "At", "Day", "Text"];
        var written = await PostgresCopy.WriteAsync(connection, "CopyProbe", columns,
            [[first, Colour.Green, 7, 3, 1, at, new DateOnly(2026, 12, 5), "Chi bộ số 1"], [second, Colour.Red, null, null, false, null, null, null]], CancellationToken.None);

        Assert.Equal(2, written);
        await using (var read = new NpgsqlCommand("""SELECT "Colour", "Big", "Small", "Flag", "At", "Day", "Text" FROM "CopyProbe" WHERE "Id" = @id""", connection))
        {
            read.Parameters.AddWithValue("id", first);
            await using var row = await read.ExecuteReaderAsync();
            Assert.True(await row.ReadAsync());
            Assert.Equal(2, row.GetInt32(0));
            Assert.Equal(7L, row.GetInt64(1));
            Assert.Equal((short)3, row.GetInt16(2));
            Assert.True(row.GetBoolean(3));
            Assert.Equal(DateTime.SpecifyKind(at, DateTimeKind.Utc), row.GetDateTime(4).ToUniversalTime());
            Assert.Equal(new DateOnly(2026, 12, 5), row.GetFieldValue<DateOnly>(5));
            Assert.Equal("Chi bộ số 1", row.GetString(6));
        }

        // A repeated key fails the whole COPY: no row of it is written.
        await Assert.ThrowsAsync<PostgresException>(() => PostgresCopy.WriteAsync(connection, "CopyProbe", columns,
            [[Guid.CreateVersion7(), 1, null, null, true, null, null, "new"], [first, 1, null, null, true, null, null, "again"]], CancellationToken.None));
        await using (var count = new NpgsqlCommand("""SELECT COUNT(*) FROM "CopyProbe" """, connection))
        {
            Assert.Equal(2L, await count.ExecuteScalarAsync());
        }

        // Text already encoded as UTF-8 goes into a text column as its bytes; the server still refuses broken UTF-8.
        var third = Guid.CreateVersion7();
        await PostgresCopy.WriteAsync(connection, "CopyProbe", ["Id", "Colour", "Flag", "Text"],
            [[third, 1, true, new Utf8Text(System.Text.Encoding.UTF8.GetBytes("{\"Name\":\"Tự đánh giá — Đảng viên\"}"))]], CancellationToken.None);
        await using (var read = new NpgsqlCommand("""SELECT "Text" FROM "CopyProbe" WHERE "Id" = @id""", connection))
        {
            read.Parameters.AddWithValue("id", third);
            Assert.Equal("{\"Name\":\"Tự đánh giá — Đảng viên\"}", await read.ExecuteScalarAsync());
        }

        await Assert.ThrowsAsync<PostgresException>(() => PostgresCopy.WriteAsync(connection, "CopyProbe", ["Id", "Colour", "Flag", "Text"],
            [[Guid.CreateVersion7(), 1, true, new Utf8Text([0x7B, 0xC3, 0x28, 0x7D])]], CancellationToken.None));

        var missing = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            PostgresCopy.WriteAsync(connection, "CopyProbe", ["Id", "Nope"], [[Guid.CreateVersion7(), 1]], CancellationToken.None));
        Assert.Contains("Nope", missing.Message, StringComparison.Ordinal);
        NpgsqlConnection.ClearAllPools();
    }
}
