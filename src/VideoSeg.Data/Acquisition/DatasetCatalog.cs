using System;
using System.Collections.Generic;
using System.Linq;
using VideoSeg.Core;

namespace VideoSeg.Data.Acquisition;

/// <summary>The real datasets VideoSeg can download and convert into its DAVIS layout.</summary>
public static class DatasetCatalog
{
    private static readonly (string Sequence, int Frames)[] s_davisVal =
    [
        ("blackswan", 50), ("bmx-trees", 80), ("breakdance", 84), ("camel", 90), ("car-roundabout", 75),
        ("car-shadow", 40), ("cows", 104), ("dance-twirl", 90), ("dog", 60), ("drift-chicane", 52),
        ("drift-straight", 50), ("goat", 90), ("horsejump-high", 50), ("kite-surf", 50), ("libby", 49),
        ("motocross-jump", 40), ("paragliding-launch", 80), ("parkour", 100), ("scooter-black", 43), ("soapbox", 99),
    ];

    private static readonly (string Sequence, int Frames)[] s_davisTrain =
    [
        ("bear", 82), ("bmx-bumps", 90), ("boat", 75), ("breakdance-flare", 71), ("bus", 80),
        ("car-turn", 80), ("dance-jump", 60), ("dog-agility", 25), ("drift-turn", 64), ("elephant", 80),
        ("flamingo", 80), ("hike", 80), ("hockey", 75), ("horsejump-low", 60), ("kite-walk", 80),
        ("lucia", 70), ("mallard-fly", 70), ("mallard-water", 80), ("motocross-bumps", 60), ("motorbike", 43),
        ("paragliding", 70), ("rhino", 90), ("rollerblade", 35), ("scooter-gray", 75), ("soccerball", 48),
        ("stroller", 91), ("surf", 55), ("swing", 60), ("tennis", 70), ("train", 80),
    ];

    // One published listing; other sources total about 1,000 or 1,066, so a difference is only a warning.
    private static readonly (string Sequence, int Frames)[] s_segTrackV2 =
    [
        ("bird_of_paradise", 97), ("birdfall", 30), ("bmx", 36), ("cheetah", 29), ("drift", 74),
        ("frog", 279), ("girl", 21), ("hummingbird", 29), ("monkey", 31), ("monkeydog", 71),
        ("parachute", 51), ("penguin", 42), ("soldier", 32), ("worm", 154),
    ];

    /// <summary>
    /// DAVIS 2016 (DAVIS-data.zip, about 1.9 GB, 480p and 1080p). The MD5 is the one in fperazzi/davis's
    /// <c>data/get_davis.sh</c>; it changed six times in 2016 and may be stale: a mismatch fails the
    /// download, and a user who has checked the new archive passes its checksum in <see cref="AcquireOptions"/>.
    /// </summary>
    public static DatasetCatalogEntry Davis2016 { get; } = new(
        "davis2016",
        DatasetArchiveFormat.Davis2016,
        "DAVIS-data.zip",
        [
            new Uri("https://graphics.ethz.ch/Downloads/Data/Davis/DAVIS-data.zip"),
            new Uri("https://cgl.ethz.ch/Downloads/Data/Davis/DAVIS-data.zip"),
        ],
        "DAVIS 2016: non-commercial research use only (CC BY-NC 4.0); 8 sequences come from YouTube under their uploaders' terms. Cite Perazzi et al., CVPR 2016.")
    {
        Md5 = "0cb3cf9c5617209fa3cc4794e52a2ffa",
        ChecksumNote = "MD5 from fperazzi/davis data/get_davis.sh; it changed six times in 2016 and may be stale",
        DefaultSplit = "val",
        Splits = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
        {
            ["val"] = s_davisVal.Select(s => s.Sequence).ToArray(),
            ["train"] = s_davisTrain.Select(s => s.Sequence).ToArray(),
        },
        PublishedFrameCounts = s_davisVal.Concat(s_davisTrain).ToDictionary(s => s.Sequence, s => s.Frames, StringComparer.Ordinal),
    };

    /// <summary>SegTrackV2 (SegTrackv2.zip, about 200 MB). No checksum is published: the computed SHA-256 is recorded instead.</summary>
    public static DatasetCatalogEntry SegTrackV2 { get; } = new(
        "segtrackv2",
        DatasetArchiveFormat.SegTrackV2,
        "SegTrackv2.zip",
        [new Uri("https://web.engr.oregonstate.edu/~lif/SegTrack2/SegTrackv2.zip")],
        "SegTrack v2: released by Li, Kim, Humayun, Tsai and Rehg (ICCV 2013) for research; cite the paper and the original SegTrack (Tsai et al., BMVC 2010).")
    {
        ChecksumNote = "no checksum is published; the SHA-256 computed at download time is recorded",
        DefaultSplit = "all",
        Splits = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
        {
            ["all"] = s_segTrackV2.Select(s => s.Sequence).ToArray(),
        },
        PublishedFrameCounts = s_segTrackV2.ToDictionary(s => s.Sequence, s => s.Frames, StringComparer.Ordinal),
    };

    /// <summary>Every entry.</summary>
    public static IReadOnlyList<DatasetCatalogEntry> Entries { get; } = [Davis2016, SegTrackV2];

    /// <summary>The entry named <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="VideoSegException"><see cref="ErrorCodes.UnknownConfiguration"/> for an unknown name.</exception>
    public static DatasetCatalogEntry Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Entries.FirstOrDefault(e => string.Equals(e.Name, name.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw new VideoSegException(ErrorCodes.UnknownConfiguration, $"unknown dataset '{name}': expected one of {string.Join(", ", Entries.Select(e => e.Name))}");
    }
}
