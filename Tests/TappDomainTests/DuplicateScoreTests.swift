import Testing
@testable import TappDomain

@Suite struct DuplicateScoreTests {
    func traits(_ first: String, _ last: String, _ birth: String? = nil, _ phone: String? = nil, id: String = "") -> PatientTraits {
        PatientTraits(id: id, firstName: first, lastName: last, birth: birth.flatMap { try? CalendarDate.parse($0) }, phone: phone,
                      email: nil)
    }

    @Test func soundAlikeSpellingsShareAKey() {
        let same = [("Doumbé", "DOUMBE"), ("Doumbe", "Dumbe"), ("Honorine", "Onorine"), ("Honorine", "Honorinne"),
                    ("Ngo Biyong", "Ngobiyong"), ("Tchoupo", "Choupo"), ("Philippe", "Filipe"), ("Quenum", "Kenum"),
                    ("Yannick", "Iannik"), ("N'Diaye", "Ndiaye"), ("Christelle", "Kristelle"), ("Cécile", "Sesile")]
        for (a, b) in same { #expect(SoundKey.of(a) == SoundKey.of(b), "\(a) / \(b)") }
        #expect(SoundKey.of("Paul") != SoundKey.of("Pauline"))
    }

    @Test func slipsAreOneEditApart() {
        func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }
        #expect(NameLikeness.withinOneSlip(bytes("honorine"), bytes("honrine")))
        #expect(NameLikeness.withinOneSlip(bytes("honorine"), bytes("hnoorine")))
        #expect(NameLikeness.withinOneSlip(bytes("honorine"), bytes("honorime")))
        #expect(!NameLikeness.withinOneSlip(bytes("honorine"), bytes("hnorinee")))
        #expect(NameLikeness.jaroWinkler(bytes("martha"), bytes("marhta")) > 0.96)
        #expect(NameLikeness.jaroWinkler(bytes(""), bytes("")) == 0)
    }

    @Test func theIssuesHonorineIsOneWoman() {
        let first = traits("Honorine", "DOUMBÉ", "1990-04-12", "+237663924388")
        #expect(DuplicateScore(first, traits("Honorine", "Doumbe", "1990-04-12", "663924388")).isLikely)
        #expect(DuplicateScore(first, traits("Honorinne", "Doumbé", "1990-04-12", "+237663924388")).isLikely)
        #expect(DuplicateScore(first, traits("Doumbe", "Honorine", "1990-12-04", nil)).isLikely)
        #expect(DuplicateScore(first, traits("Honorine", "Doumbé", nil, "663 92 43 88")).isLikely)
    }

    @Test func lookAlikesAreNotDuplicates() {
        // Twins: same last name, birth date and family phone.
        #expect(!DuplicateScore(traits("Jean", "Mballa", "2001-05-06", "+237699000001"),
                                traits("Jeanne", "Mballa", "2001-05-06", "+237699000001")).isLikely)
        #expect(!DuplicateScore(traits("Paul", "Owona", "2001-05-06", "+237699000001"),
                                traits("Pierre", "Owona", "2001-05-06", "+237699000001")).isLikely)
        // A parent and child of the same name, sharing a phone.
        #expect(!DuplicateScore(traits("Jean", "Mballa", "1970-05-06", "+237699000001"),
                                traits("Jean", "Mballa", "1998-02-11", "+237699000001")).isLikely)
        // Namesakes.
        #expect(!DuplicateScore(traits("Marie", "Nguema", "1985-03-15", "+237699000001"),
                                traits("Marie", "Nguema", "1992-07-08", "+237677000002")).isLikely)
        // A shared phone alone.
        #expect(!DuplicateScore(traits("Marie", "Nguema", nil, "+237699000001"),
                                traits("Fatou", "Diallo", nil, "+237699000001")).isLikely)
    }

    @Test func theScoreIsSymmetricAndBounded() {
        var random = SplitMix64(seed: 7)
        let set = ClinicPeopleGenerator.make(seed: 99, people: 300, duplicates: 0, lookAlikes: 0).people.map(\.traits)
        for _ in 0..<2000 {
            let a = set[Int.random(in: 0..<set.count, using: &random)], b = set[Int.random(in: 0..<set.count, using: &random)]
            let ab = DuplicateScore(a, b), ba = DuplicateScore(b, a)
            #expect(ab.score == ba.score)
            #expect((0...1).contains(ab.score))
        }
    }

    /// The scan's default on a labelled set: precision ≥ 0.98, recall ≥ 0.97, at most 1 % of look-alike pairs flagged.
    @Test(arguments: [2026, 13, 777] as [UInt64])
    func theDefaultThresholdFindsDuplicatesAndSparesLookAlikes(seed: UInt64) {
        let set = ClinicPeopleGenerator.make(seed: seed, people: 4000, duplicates: 600, lookAlikes: 600)
        let found = DuplicateScan.pairs(set.people.map(\.traits))
        let flagged = Set(found.map(\.patientIds))
        let truePositives = flagged.intersection(set.duplicates).count
        let precision = Double(truePositives) / Double(max(1, flagged.count))
        let recall = Double(truePositives) / Double(set.duplicates.count)
        let lookAlikesFlagged = Double(set.lookAlikes.keys.filter(flagged.contains).count) / Double(set.lookAlikes.count)
        print("seed \(seed): \(set.people.count) patients, \(set.duplicates.count) duplicate pairs, \(set.lookAlikes.count) look-alike pairs: "
              + "precision \(precision), recall \(recall), look-alikes flagged \(lookAlikesFlagged)")
        #expect(precision >= 0.98)
        #expect(recall >= 0.97)
        #expect(lookAlikesFlagged <= 0.01)
    }
}
