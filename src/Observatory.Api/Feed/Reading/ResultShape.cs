namespace Observatory.Api.Feed.Reading;

/// <summary>
/// The columns of a result in the order the SQL returns them, and how they nest into JSON objects (a column
/// under "Ethnicity" belongs to the expanded or grouped navigation of that name).
/// </summary>
public sealed class ResultShape
{
    public ResultShape(IReadOnlyList<Column> columns)
    {
        Columns = columns;
        Root = new Node("", -1);
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
                node.Presence = index;
            }
            else
            {
                node.Children.Add(new Node(path[^1], index));
                node.Presence ??= index;
            }
        }
    }

    public IReadOnlyList<Column> Columns { get; }

    public Node Root { get; }

    /// <summary>A property of the JSON row: a column (<see cref="Column"/> ≥ 0) or a nested object.</summary>
    public sealed class Node(string name, int column)
    {
        public string Name { get; } = name;

        public int Column { get; } = column;

        public List<Node> Children { get; } = [];

        /// <summary>For a nested object: the column whose null means the navigation itself is absent.</summary>
        public int? Presence { get; set; }

        public bool IsObject => Column < 0;

        public Node Child(string childName)
        {
            var existing = Children.FirstOrDefault(c => c.IsObject && c.Name == childName);
            if (existing is not null)
            {
                return existing;
            }

            var created = new Node(childName, -1);
            Children.Add(created);
            return created;
        }
    }
}
