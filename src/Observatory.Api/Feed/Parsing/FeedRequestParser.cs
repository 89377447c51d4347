using Microsoft.AspNetCore.WebUtilities;
using Microsoft.OData;
using Microsoft.OData.Edm;
using Microsoft.OData.UriParser;
using Observatory.Api.Feed.Limits;

namespace Observatory.Api.Feed.Parsing;

/// <summary>
/// Turns a feed URL into a <see cref="FeedRequest"/> with the OData library's own URI parser (URL Conventions), against
/// the warehouse's model: every path form clients send (keys in parentheses, named or not; navigations; properties;
/// $value; $count; $ref; the function bound to an indicator), and every query option, checked for what the feed does not
/// do before any SQL is planned.
/// </summary>
public sealed class FeedRequestParser(IEdmModel model, FeedLimits limits, Continuations continuations)
{
    /// <summary>A fixed root for parsing, so nothing the client sends (its Host header) takes part in it.</summary>
    private static readonly Uri ParseRoot = new("http://feed/odata/");

    private static readonly HashSet<string> SystemOptions = new(StringComparer.Ordinal)
    {
        "$filter", "$select", "$expand", "$orderby", "$top", "$skip", "$count", "$apply", "$compute", "$format", "$skiptoken",
    };

    private static readonly MediaKind[] Collection = [MediaKind.Json, MediaKind.Csv];
    private static readonly MediaKind[] Json = [MediaKind.Json];
    private static readonly MediaKind[] Text = [MediaKind.Text];

    /// <param name="path">The path below the feed's root, as sent (still percent-encoded), e.g. "Referrals(42)/Ethnicity".</param>
    /// <param name="query">The query string without '?', as sent.</param>
    /// <param name="fromBody">The query arrived in the body of POST .../$query.</param>
    /// <param name="http">The request, for its headers and its address.</param>
    public FeedRequest Parse(string path, string query, bool fromBody, HttpRequest http)
    {
        var options = Options(query);
        var resumed = false;
        if (options.TryGetValue("$skiptoken", out var token) && token.StartsWith(Continuations.Marker))
        {
            if (options.Keys.Any(k => k != "$skiptoken"))
            {
                throw FeedRequestException.BadRequest("A next link's $skiptoken stands for the whole query; send it alone, as given.");
            }

            query = continuations.Resume(token);
            options = Options(query);
            resumed = true;
        }

        var parser = new ODataUriParser(model, ParseRoot, new Uri(ParseRoot, path + (query.Length > 0 ? "?" + query : "")))
        {
            // Bound functions by their qualified name (OData 4.0) or, as OData 4.01 allows, by their name alone.
            Resolver = new UnqualifiedODataUriResolver { EnableCaseInsensitive = false },
            Settings = { MaximumExpansionDepth = limits.MaxExpansionDepth, MaximumExpansionCount = 100 },
        };
        var resource = Resource(Guard(() => Called(parser.ParsePath, path), path), parser);
        var format = FeedFormat.Negotiate(options.GetValueOrDefault("$format"), http.Headers.Accept, resource.Kind switch
        {
            ResourceKind.Collection or ResourceKind.Function => Collection,
            ResourceKind.Count or ResourceKind.PropertyValue => Text,
            _ => Json,
        }, fallBack: resource.Kind is ResourceKind.Count or ResourceKind.PropertyValue);
        Allow(resource.Kind, options);

        var request = new FeedRequest(resource, format, FeedPreferences.From(http.Headers["Prefer"]))
        {
            Apply = Guard(parser.ParseApply),
            Compute = Guard(parser.ParseCompute),
            Filter = Guard(parser.ParseFilter),
            SelectExpand = Guard(parser.ParseSelectAndExpand),
            OrderBy = Guard(parser.ParseOrderBy),
            Top = Guard(parser.ParseTop),
            Skip = Guard(parser.ParseSkip),
            Count = Guard(parser.ParseCount) ?? false,
            SkipToken = options.GetValueOrDefault("$skiptoken"),
            Options = options.Where(o => o.Key != "$skiptoken").ToDictionary(),
            KeepQuery = fromBody || resumed,
            ServiceRoot = ServiceRoot(http),
        };
        foreach (var (alias, node) in parser.ParameterAliasNodes)
        {
            if (node is null && query.Contains(alias, StringComparison.Ordinal))
            {
                throw FeedRequestException.BadRequest($"The parameter alias {alias} has no value: give it one, as in {alias}=5.");
            }
        }

        return request;
    }

    /// <summary>The feed's root as clients reach it: the configured public address, else this request's own (allowed) host.</summary>
    public string ServiceRoot(HttpRequest http) =>
        limits.PublicUrl?.TrimEnd('/') ?? $"{http.Scheme}://{http.Host}{http.PathBase}/{FeedRoute.Prefix}";

    /// <summary>The query options, checked: known system options only, each once, none empty; custom options and aliases pass.</summary>
    private static Dictionary<string, string> Options(string query)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, values) in QueryHelpers.ParseQuery(query))
        {
            if (Security.Secrets.IsSecretParameter(name))
            {
                // The API key signs the caller in; it is not part of the query, and never repeated in a next link.
                continue;
            }

            if (name.StartsWith('$'))
            {
                if (name == "$search")
                {
                    throw new FeedRequestException(StatusCodes.Status501NotImplemented, "NotImplemented",
                        "$search is not supported: the warehouse holds codes and figures, not text to search. Use $filter.");
                }

                if (!SystemOptions.Contains(name))
                {
                    throw FeedRequestException.BadRequest($"'{name}' is not a system query option this feed supports. Supported: {string.Join(", ", SystemOptions)}.");
                }

                if (values.Count > 1)
                {
                    throw FeedRequestException.BadRequest($"'{name}' appears {values.Count} times; give each query option once.");
                }

                if (string.IsNullOrWhiteSpace(values.ToString()))
                {
                    throw FeedRequestException.BadRequest($"'{name}' has no value; give it one or leave it out.");
                }
            }
            else if (name.StartsWith('@') && string.IsNullOrWhiteSpace(values.ToString()))
            {
                throw FeedRequestException.BadRequest($"The parameter alias {name} has no value: give it one, as in {name}=5.");
            }

            options[name] = values.ToString();
        }

        return options;
    }

    private static FeedResource Resource(ODataPath path, ODataUriParser parser)
    {
        var segments = path.ToList();
        if (segments.FirstOrDefault() is not EntitySetSegment setSegment)
        {
            throw Unsupported(segments.FirstOrDefault());
        }

        var set = (IEdmEntitySet)setSegment.EntitySet;
        if (segments.Count == 1)
        {
            return new FeedResource(ResourceKind.Collection, set, null, [], null);
        }

        if (segments is [_, CountSegment])
        {
            return new FeedResource(ResourceKind.Count, set, null, [], null);
        }

        if (segments[1] is not KeySegment key)
        {
            throw Unsupported(segments[1]);
        }

        var navigation = new List<IEdmNavigationProperty>();
        var at = 2;
        for (; at < segments.Count && segments[at] is NavigationPropertySegment step; at++)
        {
            navigation.Add(step.NavigationProperty);
        }

        var keyValue = key.Keys.Single().Value;
        return segments.Skip(at).ToList() switch
        {
            [] => new FeedResource(ResourceKind.Entity, set, keyValue, navigation, null),
            [OperationSegment { Operations: var operations } call] when navigation.Count == 0 && operations.Single() is IEdmFunction function =>
                new FeedResource(ResourceKind.Function, set, keyValue, navigation, null) { Function = function, Arguments = Arguments(call, parser) },
            [PropertySegment property] => new FeedResource(ResourceKind.Property, set, keyValue, navigation, property.Property),
            [PropertySegment property, ValueSegment] => new FeedResource(ResourceKind.PropertyValue, set, keyValue, navigation, property.Property),
            [NavigationPropertyLinkSegment link] => new FeedResource(ResourceKind.Reference, set, keyValue, [.. navigation, link.NavigationProperty], null),
            var rest => throw Unsupported(rest[0]),
        };
    }

    /// <summary>A function's parameters as given, each a string literal or an alias of one (<c>filter=@f&amp;@f='...'</c>).</summary>
    private static Dictionary<string, string?> Arguments(OperationSegment call, ODataUriParser parser)
    {
        object? Value(QueryNode? node) => node switch
        {
            ConstantNode constant => constant.Value,
            ConvertNode convert => Value(convert.Source),
            ParameterAliasNode alias => parser.ParameterAliasNodes.TryGetValue(alias.Alias, out var aliased) ? Value(aliased)
                : throw FeedRequestException.BadRequest($"The parameter alias {alias.Alias} has no value: give it one, as in {alias.Alias}='2022/23'."),
            null => null,
            _ => throw FeedRequestException.BadRequest("A function's parameters are literals or parameter aliases of literals, as in period='2022/23'."),
        };

        return call.Parameters.ToDictionary(p => p.Name, p => Value(p.Value as QueryNode) switch
        {
            null => null,
            string text => text,
            var other => throw FeedRequestException.BadRequest($"The parameter {p.Name} takes a string in quotes, as in {p.Name}='{other}'."),
        }, StringComparer.Ordinal);
    }

    /// <summary>
    /// Parses the path, answering a call of one of the model's functions that names no overload of it (a parameter
    /// missing, misspelt or extra) with what the function takes, rather than with a resource not found.
    /// </summary>
    private ODataPath Called(Func<ODataPath> parse, string path)
    {
        try
        {
            return parse();
        }
        catch (ODataUnrecognizedPathException) when (Uri.UnescapeDataString(path).Split('/').Select(s => s.Split('(')[0]).Select(FunctionNamed).OfType<IEdmFunction>().FirstOrDefault() is { } function)
        {
            var parameters = function.Parameters.Skip(1).ToList();
            var required = parameters.Where(p => p is not IEdmOptionalParameter).Select(p => p.Name).ToList();
            var optional = parameters.OfType<IEdmOptionalParameter>().Select(p => p.Name).ToList();
            throw FeedRequestException.BadRequest(
                $"{function.FullName()} takes {string.Join(", ", required)} (required) and {string.Join(", ", optional)} (optional), each named once and given a string in quotes, " +
                $"and is called on one {((IEdmNamedElement)function.Parameters.First().Type.Definition).Name}: for example " +
                $"Indicators('tt-recovery')/{function.FullName()}({string.Join(",", required.Select(r => $"{r}='2022/23'"))}).");
        }
    }

    private IEdmFunction? FunctionNamed(string name) =>
        model.SchemaElements.OfType<IEdmFunction>().FirstOrDefault(f => f.FullName() == name || f.Name == name);

    /// <summary>Query options that mean nothing for the resource are refused rather than ignored.</summary>
    private static void Allow(ResourceKind kind, Dictionary<string, string> options)
    {
        string[] allowed = kind switch
        {
            ResourceKind.Collection => [.. SystemOptions],
            ResourceKind.Function => ["$select", "$filter", "$orderby", "$top", "$skip", "$count", "$format"],
            ResourceKind.Count => ["$filter", "$apply", "$compute", "$format"],
            ResourceKind.Entity => ["$select", "$expand", "$compute", "$format"],
            _ => ["$format"],
        };
        var refused = options.Keys.FirstOrDefault(o => o.StartsWith('$') && !allowed.Contains(o));
        if (refused is not null)
        {
            throw FeedRequestException.BadRequest($"{refused} does not apply to {Describe(kind)}; allowed here: {string.Join(", ", allowed)}.");
        }
    }

    private static string Describe(ResourceKind kind) => kind switch
    {
        ResourceKind.Count => "a count",
        ResourceKind.Entity => "a single entity",
        ResourceKind.Property => "a single property",
        ResourceKind.PropertyValue => "a raw value",
        ResourceKind.Function => "a function's result",
        _ => "a reference",
    };

    private static FeedRequestException Unsupported(ODataPathSegment? segment) => new(StatusCodes.Status501NotImplemented, "NotImplemented",
        segment switch
        {
            null => "The path addresses nothing: name an entity set, as in /odata/Referrals.",
            TypeSegment => "Type casts are not supported: the feed's types have no derived types.",
            OperationSegment or OperationImportSegment =>
                "The feed's one function is called on one indicator, as in Indicators('tt-recovery')/Observatory.Evaluate(period='2022/23'); it has no actions.",
            _ => $"Paths like '{segment.Identifier}' are not supported. Supported: Set, Set/$count, Set(key), Set(key)/Navigation, Set(key)/Property, Set(key)/Property/$value, Set(key)/Navigation/$ref and Indicators(key)/Observatory.Evaluate(...).",
        });

    private static T Guard<T>(Func<T> parse, string? path = null)
    {
        try
        {
            return parse();
        }
        catch (ODataUnrecognizedPathException e)
        {
            throw new FeedRequestException(StatusCodes.Status404NotFound, "NotFound",
                $"{e.Message} The feed's entity sets are listed at /{FeedRoute.Prefix} and described at /{FeedRoute.Prefix}/$metadata.");
        }
        catch (ODataException e)
        {
            throw FeedRequestException.BadRequest(Message(e, path));
        }
        catch (Exception e) when (e is ArgumentException or FormatException or OverflowException or InvalidOperationException or NotSupportedException or NullReferenceException)
        {
            // The parser's own failures on malformed input: a fault of the request, described without the parser's internals.
            throw FeedRequestException.BadRequest(path is null
                ? "The query options cannot be understood as written; check brackets, quotes and the names of properties."
                : $"The path '{path}' cannot be understood as written.");
        }
    }

    private static string Message(ODataException e, string? path) => e.Message switch
    {
        // The parser's messages that describe itself rather than the request.
        var m when m.Contains("internal error", StringComparison.OrdinalIgnoreCase) || m.Contains("UnreachableCodepath", StringComparison.Ordinal) =>
            "An operator is applied to values it does not take (for example 'has', which takes enumeration flags). Compare with eq, ne, gt, ge, lt or le.",
        "Bad Request - Error in query syntax." when path is not null =>
            $"The path '{path}' is not valid: a key is a literal of the key's type within its range, as in Referrals(42) or Referrals(ReferralId=42).",
        var m => m,
    };
}
