/// The words a demo clinic in Douala is made of: Cameroonian and French names with their accents,
/// the city's quarters, the reasons people come in.
enum DemoNames {
    static let firstNames = [
        "Marie", "Jean", "Fatou", "Hélène", "Émilie", "Jérôme", "François", "Aïssatou", "Chloé", "Noël", "Joëlle", "Céline",
        "Thérèse", "Raphaël", "Zoé", "Gaël", "Léa", "Mathéo", "Adèle", "Benoît", "Brigitte", "Clément", "Amadou", "Ibrahim",
        "Awa", "Mariama", "Ousmane", "Samuel", "Pauline", "Christelle", "Blaise", "Rodrigue", "Armelle", "Sandrine",
        "Hervé", "Ghislain", "Murielle", "Arlette", "Éric", "Stéphane", "Josiane", "Grâce", "Espérance", "Félicité",
        "Ndeye", "Boris", "Yannick", "Ange", "Désiré", "Honorine", "Régine", "Aminatou", "Salomé", "Lucien", "Cécile",
    ]
    static let lastNames = [
        "Nguema", "Mballa", "Diallo", "Ndjock", "Étoundi", "Mbarga", "Fotso", "Kamga", "Tchoupo", "N'Diaye", "Lefèvre",
        "Dupré", "Bélanger", "Owona", "Ékambi", "Abéga", "Essomba", "Nkoulou", "Manga", "Atangana", "Bikoro", "Eyenga",
        "Tchakounté", "Nana", "Djomo", "Kengne", "Ngo Bassa", "Mvondo", "Onana", "Ebogo", "Moukoko", "Ewane", "Din",
        "Doumbé", "Ngoué", "Sopgui", "Kemajou", "Tagne", "Wandji", "Yombi", "Zambo", "Mérimée", "Lévêque", "Garçon",
        "Boutros", "Fogue", "Nzié", "Ateba", "Bella", "Fouda", "Mengue", "Nkodo", "Olinga", "Tsala", "Ze",
    ]
    static let quarters = [
        "Akwa", "Bonanjo", "Bonapriso", "Deïdo", "Bali", "Makepe", "Bonamoussadi", "Logpom", "Ndokotti", "Bépanda",
        "New Bell", "Kotto", "PK14", "Bonabéri", "Logbessou", "Yassa", "Japoma", "Cité des Palmiers",
    ]
    static let streets = ["Rue Joss", "Boulevard de la Liberté", "Rue Njo-Njo", "Avenue de Gaulle", "Rue Koloko",
                          "Rue Pau", "Rue des Écoles", "Rue Tokoto", "Carrefour Ndokoti", "Rue Manga Bell"]
    static let reasons = ["Fièvre", "Toux persistante", "Douleurs abdominales", "Contrôle de tension", "Suivi diabète",
                          "Céphalées", "Consultation prénatale", "Douleurs lombaires", "Éruption cutanée", "Bilan annuel",
                          "Vaccination enfant", "Suivi post-opératoire", "Fatigue", "Palpitations"]
    static let diagnoses = ["Paludisme simple", "Bronchite aiguë", "Gastro-entérite", "Hypertension artérielle",
                            "Diabète de type 2 équilibré", "Migraine", "Grossesse normale", "Lombalgie commune",
                            "Dermatite de contact", "Bon état général", "Anémie légère", "Infection urinaire"]
    static let treatments = ["Artéméther-luméfantrine 3 jours", "Amoxicilline 1 g ×2/j 7 jours", "Réhydratation orale",
                             "Amlodipine 5 mg/j", "Metformine 850 mg ×2/j", "Paracétamol 1 g si douleur",
                             "Acide folique, fer", "Repos, kinésithérapie", "Crème corticoïde", "Aucun",
                             "Ciprofloxacine 500 mg ×2/j 3 jours"]
    static let medicalNotes = ["Allergie à la pénicilline.", "Asthme depuis l'enfance.", "Drépanocytose (SS).",
                               "Hypertension suivie.", "Diabète de type 2.", "Aucun antécédent notable.",
                               "Césarienne en 2019.", "Intolérance au lactose."]
    static let interventionTitles = ["Vaccination", "Check-up", "Examination", "Surgery", "Post-op follow-up",
                                     "Échographie", "Bilan sanguin", "Pansement", "Consultation de contrôle"]
    static let locations = ["Salle 1", "Salle 2", "Bloc opératoire", "Laboratoire", "Cabinet du Dr", "Salle de soins"]
    static let bloodTypes = ["O+", "O+", "O+", "A+", "A+", "B+", "B+", "AB+", "O-", "A-", "B-", "AB-"]
}
