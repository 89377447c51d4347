namespace Observatory.Tests.Support;

/// <summary>
/// The PostgreSQL server the warehouse tests run against (.ci/run starts one on loopback). Without it the tests
/// are skipped on a developer machine and fail in CI, where a missing server is a broken build.
/// </summary>
public static class TestPostgres
{
    public const string Variable = "OBSERVATORY_TEST_POSTGRES";

    public static string ConnectionString
    {
        get
        {
            var connection = Environment.GetEnvironmentVariable(Variable);
            if (!string.IsNullOrWhiteSpace(connection))
            {
                return connection;
            }

            const string reason = $"PostgreSQL tests need {Variable} (e.g. Host=127.0.0.1;Database=observatory_test;Username=observatory;Password=...).";
            if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
            {
                Assert.Fail(reason);
            }

            Assert.Skip(reason);
            return "";
        }
    }
}
