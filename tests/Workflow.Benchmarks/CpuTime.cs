using System.Globalization;

namespace Workflow.Benchmarks;

/// <summary>
/// CPU time in clock ticks from /proc: the whole machine (total, idle), some processes (nodes), PostgreSQL's processes
/// and this process. Differences of two readings say who used the machine in between.
/// </summary>
internal sealed record CpuTime(double Total, double Idle, double Nodes, double Postgres, double Self)
{
    public static CpuTime Read(IEnumerable<int?> nodes)
    {
        var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var postgres = 0.0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            var name = Path.GetFileName(dir);
            if (int.TryParse(name, out var pid) && ReadComm(pid) == "postgres")
            {
                postgres += Ticks(pid);
            }
        }

        return new CpuTime(cpu.Sum(), cpu[3] + cpu[4], nodes.Sum(n => n is { } pid ? Ticks(pid) : 0), postgres, Ticks(Environment.ProcessId));
    }

    private static string? ReadComm(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").Trim();
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>utime + stime of a process (fields 14 and 15 of /proc/pid/stat, after the command name in parentheses).</summary>
    private static double Ticks(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
