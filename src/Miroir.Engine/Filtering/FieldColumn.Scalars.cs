using System.Text.Json;

namespace Miroir.Engine.Filtering;

/// <summary>Conversion of JSON scalars to column values.</summary>
public sealed partial class FieldColumn
{
    internal void AddScalar(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                AddString(element.GetString()!);
                break;
            case JsonValueKind.Number:
                if (element.TryGetDouble(out var number) && double.IsFinite(number))
                {
                    AddNumber(number);
                }
                break;
            case JsonValueKind.True:
                AddString("true");
                break;
            case JsonValueKind.False:
                AddString("false");
                break;
            case JsonValueKind.Null:
                AddNull();
                break;
        }
    }
}
