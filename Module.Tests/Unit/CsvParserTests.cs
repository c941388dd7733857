using Commerce.Customers.Services;

namespace Commerce.Customers.Tests.Unit;

public sealed class CsvParserTests
{
    [Fact]
    public void What_the_writer_writes_reads_back_the_same()
    {
        string?[] tricky = ["plain", "with, comma", "with \"quotes\"", "two\r\nlines", "=SUM(A1)", "-5", "@user", "", "Ünïcödé ✓", "'already quoted"];
        var text = Csv.Line(tricky) + Csv.Line("second", "record");

        var records = CsvParser.Read(text).ToList();

        Assert.Equal(2, records.Count);
        Assert.Equal(tricky.Select(value => value ?? ""), records[0].Fields);
        Assert.Equal(["second", "record"], records[1].Fields);
        Assert.Equal(1, records[0].Line);
        Assert.Equal(3, records[1].Line); // The quoted line break moved the second record down a line.
    }

    [Fact]
    public void Byte_order_mark_lf_endings_empty_fields_and_a_missing_final_newline_are_read()
    {
        var records = CsvParser.Read("\uFEFFa,b,c\n1,,3\n\n,,\nlast,\"\",x").ToList();

        Assert.Equal([["a", "b", "c"], ["1", "", "3"], ["", "", ""], ["last", "", "x"]], records.Select(record => record.Fields.ToArray()));
        Assert.Equal([1, 2, 4, 5], records.Select(record => record.Line));
    }
}
