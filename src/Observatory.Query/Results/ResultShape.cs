using Microsoft.OData.Edm;

namespace Observatory.Query.Results;

/// <summary>
/// The columns of a result in the order the SQL returns them, and how they nest into JSON objects: the row, the
/// entities expanded from it, and the navigations a $apply grouped by.
/// </summary>
public sealed class ResultShape
{
    public ResultShape(IReadOnlyList<ResultColumn> columns, IEdmEntitySet? set, bool transient)
    {
        Columns = columns;
        Root = new Node("", -1) { EntitySet = set, Transient = transient };
        for (var index = 0; index < columns.Count; index++)
        {
            var node = Root;
            var path = columns[index].Path;
            for (var depth = 0; depth < path.Count - 1; depth++)
            {
                node = node.Child(path[depth]);
            }

            if (columns[index].Hidden)
            {
                node.Presence ??= index;
            }
            else
            {
                node.Children.Add(new Node(path[^1], index));
                node.Presence ??= index;
            }
        }
    }

    public IReadOnlyList<ResultColumn> Columns { get; }

    public Node Root { get; }

    /// <summary>A JSON object of each row: its values (in SQL order) and nested objects.</summary>
    public sealed class Node(string name, int column)
    {
        public string Name { get; } = name;

        /// <summary>The column of a value; -1 for an object.</summary>
        public int Column { get; } = column;

        public List<Node> Children { get; } = [];

        /// <summary>For an object: the column whose null means the object itself is absent (a navigation with no target).</summary>
        public int? Presence { get; set; }

        /// <summary>For an entity: its set, so its canonical URL can be written; null for values that are not entities.</summary>
        public IEdmEntitySet? EntitySet { get; set; }

        /// <summary>For an entity: the column of its key.</summary>
        public int? KeyColumn { get; set; }

        /// <summary>An object made by a query ($apply's groups): no identity of its own.</summary>
        public bool Transient { get; set; }

        public bool IsObject => Column < 0;

        public Node Child(string childName)
        {
            var existing = Children.FirstOrDefault(c => c.IsObject && c.Name == childName);
            if (existing is not null)
            {
                return existing;
            }

            var created = new Node(childName, -1) { Transient = Transient };
            Children.Add(created);
            return created;
        }

        public IEnumerable<Node> Objects() => Children.Where(c => c.IsObject).SelectMany(c => c.Objects().Prepend(c));
    }
}
