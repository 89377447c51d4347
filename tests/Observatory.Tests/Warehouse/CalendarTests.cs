using Observatory.Warehouse.Reference;

namespace Observatory.Tests.Warehouse;

public class CalendarTests
{
    [Theory]
    [InlineData("2021-04-01", "2021/22", 1)]
    [InlineData("2021-06-30", "2021/22", 1)]
    [InlineData("2021-07-01", "2021/22", 2)]
    [InlineData("2021-12-31", "2021/22", 3)]
    [InlineData("2022-01-01", "2021/22", 4)]
    [InlineData("2022-03-31", "2021/22", 4)]
    [InlineData("1999-04-01", "1999/00", 1)]
    public void FinancialYearsRunFromAprilToMarch(string day, string year, int quarter)
    {
        var date = Calendar.Days(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture),
            DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)).Single();

        Assert.Equal(year, date.FinancialYear);
        Assert.Equal(quarter, date.FinancialQuarter);
    }

    [Fact]
    public void DateKeysAreYearMonthDay()
    {
        Assert.Equal(20220131, Calendar.DateKey(new DateOnly(2022, 1, 31)));
        Assert.Equal(new DateOnly(2022, 1, 31), Calendar.FromDateKey(20220131));
    }
}
