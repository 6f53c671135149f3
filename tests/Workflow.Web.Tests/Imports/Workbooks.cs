using System.Text.Json;
using MiniExcelLibs;

namespace Workflow.Web.Tests.Imports;

/// <summary>Sheets for the import tests: written as a user's .xlsx or .csv would be, uploaded, checked, started, waited for.</summary>
public static class Workbooks
{
    public static byte[] Xlsx(string[] headers, IEnumerable<object?[]> rows)
    {
        var data = rows.Select(r => headers.Select((h, i) => (h, v: i < r.Length ? r[i] : null)).ToDictionary(x => x.h, x => x.v)).ToList();
        using var stream = new MemoryStream();
        MiniExcel.SaveAs(stream, data, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    /// <summary>A downloaded workbook's sheet as rows keyed by the header.</summary>
    public static List<IDictionary<string, object>> Rows(byte[] xlsx, string? sheet = null)
    {
        using var stream = new MemoryStream(xlsx);
        return MiniExcel.Query(stream, useHeaderRow: true, sheetName: sheet).Cast<IDictionary<string, object>>().ToList();
    }

    public static byte[] Csv(char separator, string[] headers, IEnumerable<object?[]> rows)
    {
        static string Cell(object? v)
        {
            var s = Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? "";
            return s.Contains('"') || s.Contains(';') || s.Contains(',') || s.Contains('\n') ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
        }

        var lines = new[] { string.Join(separator, headers.Select(Cell)) }.Concat(rows.Select(r => string.Join(separator, r.Select(Cell))));
        return [.. System.Text.Encoding.UTF8.GetPreamble(), .. System.Text.Encoding.UTF8.GetBytes(string.Join("\r\n", lines) + "\r\n")];
    }

    /// <summary>Uploads for the dry run; returns the job as the API answers.</summary>
    public static async Task<JsonElement> CheckAsync(WebSession session, string kind, Guid unitId, string fileName, byte[] content)
    {
        var response = await session.PostFileAsync($"/api/imports?kind={kind}&unitId={unitId}", fileName, content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Starts a checked import and waits until the background job has written every batch.</summary>
    public static async Task<JsonElement> ImportAsync(WebSession session, JsonElement checkedJob)
    {
        var id = checkedJob.GetProperty("id").GetGuid();
        Assert.True(checkedJob.GetProperty("errorCount").GetInt32() == 0,
            "Row errors: " + string.Join("\n", checkedJob.GetProperty("errors").EnumerateArray().Take(10).Select(e => e.GetProperty("line").GetString())));
        var start = await session.PostJsonAsync($"/api/imports/{id}/start", null);
        Assert.True(start.StatusCode == System.Net.HttpStatusCode.Accepted, await start.Content.ReadAsStringAsync());
        return await WaitAsync(session, id);
    }

    public static async Task<JsonElement> WaitAsync(WebSession session, Guid id)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var job = await session.GetJsonAsync($"/api/imports/{id}");
            var status = job.GetProperty("status").GetString();
            if (status is "Completed" or "Failed")
            {
                Assert.Equal("Completed", status);
                return job;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Import {id} still {status} after 90 s.");
            await Task.Delay(100);
        }
    }

    public static async Task<JsonElement> CheckAndImportAsync(WebSession session, string kind, Guid unitId, string fileName, byte[] content) =>
        await ImportAsync(session, await CheckAsync(session, kind, unitId, fileName, content));
}
