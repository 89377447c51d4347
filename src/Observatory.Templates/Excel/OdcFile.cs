using System.Net;
using System.Security;
using System.Text;

namespace Observatory.Templates.Excel;

/// <summary>
/// An Office Data Connection file for a query: the Power Query form Excel itself writes (a
/// <c>PowerQueryConnection</c> to the workbook's mashup, <c>Provider=Microsoft.Mashup.OleDb.1</c>, and the query's
/// M in <c>PowerQueryMashupData</c>). Opening it in Excel adds the query to the workbook and loads it as a table.
/// </summary>
public static class OdcFile
{
    public static string Write(ExcelQuery query)
    {
        var mashup = new StringBuilder()
            .Append("<Mashup xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns=\"http://schemas.microsoft.com/DataMashup\">")
            .Append("<Client>EXCEL</Client><Version>2.0.0.0</Version><MinVersion>2.21.0.0</MinVersion><Culture>en-GB</Culture><SafeCombine>true</SafeCombine>")
            .Append("<Items><Query Name=\"").Append(SecurityElement.Escape(query.Name)).Append("\">")
            .Append("<Description>").Append(SecurityElement.Escape(query.Description)).Append("</Description>")
            .Append("<Formula><![CDATA[").Append(query.Text.Replace("]]>", "]]]]><![CDATA[>", StringComparison.Ordinal)).Append("]]></Formula>")
            .Append("<IsParameterQuery xsi:nil=\"true\" /><IsDirectQuery xsi:nil=\"true\" /></Query></Items></Mashup>")
            .ToString();
        var name = WebUtility.HtmlEncode(query.Name);
        return $"""
            <html xmlns:o="urn:schemas-microsoft-com:office:office"
            xmlns="http://www.w3.org/TR/REC-html40">
            <head>
            <meta http-equiv=Content-Type content="text/x-ms-odc; charset=utf-8">
            <meta name=ProgId content=ODC.Database>
            <meta name=SourceType content=OLEDB>
            <title>Query - {name}</title>
            <xml id=docprops><o:DocumentProperties
              xmlns:o="urn:schemas-microsoft-com:office:office"
              xmlns="http://www.w3.org/TR/REC-html40">
              <o:Description>{WebUtility.HtmlEncode(query.Description)}</o:Description>
              <o:Name>Query - {name}</o:Name>
             </o:DocumentProperties>
            </xml><xml id=msodc><odc:OfficeDataConnection
              xmlns:odc="urn:schemas-microsoft-com:office:odc"
              xmlns="http://www.w3.org/TR/REC-html40">
              <odc:PowerQueryConnection odc:Type="OLEDB">
               <odc:ConnectionString>Provider=Microsoft.Mashup.OleDb.1;Data Source=$Workbook$;Location={SecurityElement.Escape(query.Name)};Extended Properties=&quot;&quot;</odc:ConnectionString>
               <odc:CommandType>SQL</odc:CommandType>
               <odc:CommandText>SELECT * FROM [{SecurityElement.Escape(query.Name)}]</odc:CommandText>
              </odc:PowerQueryConnection>
              <odc:PowerQueryMashupData>{SecurityElement.Escape(mashup)}</odc:PowerQueryMashupData>
             </odc:OfficeDataConnection>
            </xml>
            </head>
            </html>

            """;
    }
}
