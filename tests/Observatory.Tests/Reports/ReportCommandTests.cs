using Observatory.Tests.Support;
using Observatory.Warehouse;

namespace Observatory.Tests.Reports;

/// <summary>'observatory report': a self-contained page, or one clear line and a non-zero exit.</summary>
public class ReportCommandTests(DemoWarehouses demo)
{
    private const string Cli = "observatory.dll";

    [Fact]
    public async Task TheReportIsWrittenAsOneSelfContainedFileAtTheChosenLevel()
    {
        var options = await demo.GetAsync(WarehouseProvider.Sqlite);
        var file = Path.Combine(Path.GetTempPath(), $"observatory-report-{Guid.NewGuid():N}.html");
        try
        {
            var result = await ProcessRunner.RunAsync(Cli,
                ["report", "--connection", options.ConnectionString, "--out", file, "--disclosure", "Unrestricted", "--year", "2021/22", "--feed", "https://observatory.example.nhs.uk/odata"]);
            var html = await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken);

            Assert.Equal(0, result.ExitCode);
            Assert.Contains("Wrote the 2021/22 progress report (unrestricted figures)", result.All, StringComparison.Ordinal);
            Assert.DoesNotContain("<script src=", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<link rel=\"stylesheet\"", html, StringComparison.Ordinal);
            Assert.Contains("href=\"https://observatory.example.nhs.uk/odata/Referrals?$apply=filter(", html, StringComparison.Ordinal);
            Assert.False(File.Exists(file + ".tmp"));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("--year", "1999/00", "There are no values for the financial year '1999/00': choose one of 2019/20")]
    [InlineData("--disclosure", "Everything", "--disclosure must be Controlled or Unrestricted, not 'Everything'")]
    [InlineData("--feed", "observatory/odata", "--feed must be an absolute http or https URL")]
    [InlineData("--feed", "http://127.0.0.1:5080/odata?format=json", "without a query or fragment")]
    public async Task BadOptionsAreRefusedWithAMessageAndNoFile(string option, string value, string message)
    {
        var options = await demo.GetAsync(WarehouseProvider.Sqlite);
        var file = Path.Combine(Path.GetTempPath(), $"observatory-report-{Guid.NewGuid():N}.html");

        var result = await ProcessRunner.RunAsync(Cli, ["report", "--connection", options.ConnectionString, "--out", file, option, value]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(message, result.All, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.All, StringComparison.Ordinal);
        Assert.False(File.Exists(file));
    }

    [Fact]
    public async Task AReportOfAnEmptyLocationSaysThereIsNoWarehouse()
    {
        var result = await ProcessRunner.RunAsync(Cli, ["report", "--connection", $"Data Source={Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "w.db")}"]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("A report is built from an existing, current Observatory warehouse", result.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFolderAsTheDestinationIsRefusedAndLeavesNothingBehind()
    {
        var options = await demo.GetAsync(WarehouseProvider.Sqlite);
        var folder = Directory.CreateTempSubdirectory("observatory-report-").FullName;
        try
        {
            var result = await ProcessRunner.RunAsync(Cli, ["report", "--connection", options.ConnectionString, "--out", folder]);

            Assert.NotEqual(0, result.ExitCode);
            Assert.Contains("is a folder: --out names the file to write", result.All, StringComparison.Ordinal);
            Assert.False(File.Exists(folder + ".tmp"));
        }
        finally
        {
            Directory.Delete(folder);
        }
    }

    [Fact]
    public async Task AnUnwritableDestinationIsAClearError()
    {
        var options = await demo.GetAsync(WarehouseProvider.Sqlite);
        var folder = Path.Combine(Path.GetTempPath(), $"observatory-missing-{Guid.NewGuid():N}");

        var result = await ProcessRunner.RunAsync(Cli, ["report", "--connection", options.ConnectionString, "--out", Path.Combine(folder, "report.html")]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Could not find a part of the path", result.All, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.All, StringComparison.Ordinal);
    }
}
