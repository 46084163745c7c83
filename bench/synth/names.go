package synth

// country is a state with the words reports use for it.
type country struct {
	Name, Demonym, Capital string
	// Tradition indexes traditions: where its people's names come from.
	Tradition int
}

// countries are the states of the synthetic world: real names, so that the
// extractor's reference tables recognise them as a real report's would.
var countries = []country{
	{"China", "Chinese", "Beijing", 0}, {"Japan", "Japanese", "Tokyo", 1}, {"South Korea", "South Korean", "Seoul", 2},
	{"Vietnam", "Vietnamese", "Hanoi", 3}, {"Indonesia", "Indonesian", "Jakarta", 4}, {"India", "Indian", "New Delhi", 5},
	{"Pakistan", "Pakistani", "Islamabad", 6}, {"Iran", "Iranian", "Tehran", 7}, {"Iraq", "Iraqi", "Baghdad", 6},
	{"Saudi Arabia", "Saudi", "Riyadh", 6}, {"Egypt", "Egyptian", "Cairo", 6}, {"Turkey", "Turkish", "Ankara", 8},
	{"Russia", "Russian", "Moscow", 9}, {"Ukraine", "Ukrainian", "Kyiv", 9}, {"Poland", "Polish", "Warsaw", 9},
	{"Germany", "German", "Berlin", 10}, {"France", "French", "Paris", 11}, {"Italy", "Italian", "Rome", 11},
	{"Spain", "Spanish", "Madrid", 12}, {"Mexico", "Mexican", "Mexico City", 12}, {"Brazil", "Brazilian", "Brasilia", 13},
	{"Argentina", "Argentine", "Buenos Aires", 12}, {"Chile", "Chilean", "Santiago", 12}, {"Colombia", "Colombian", "Bogota", 12},
	{"Nigeria", "Nigerian", "Abuja", 14}, {"Ghana", "Ghanaian", "Accra", 14}, {"Kenya", "Kenyan", "Nairobi", 15},
	{"Tanzania", "Tanzanian", "Dodoma", 15}, {"Ethiopia", "Ethiopian", "Addis Ababa", 16}, {"South Africa", "South African", "Pretoria", 17},
	{"Norway", "Norwegian", "Oslo", 18}, {"Sweden", "Swedish", "Stockholm", 18}, {"Finland", "Finnish", "Helsinki", 18},
	{"United Kingdom", "British", "London", 19}, {"Ireland", "Irish", "Dublin", 19}, {"Canada", "Canadian", "Ottawa", 19},
	{"Australia", "Australian", "Canberra", 19}, {"United States", "American", "Washington", 19}, {"Greece", "Greek", "Athens", 20},
	{"Israel", "Israeli", "Jerusalem", 21}, {"Jordan", "Jordanian", "Amman", 6}, {"Qatar", "Qatari", "Doha", 6},
	{"Morocco", "Moroccan", "Rabat", 6}, {"Algeria", "Algerian", "Algiers", 6}, {"Kazakhstan", "Kazakh", "Astana", 8},
	{"Thailand", "Thai", "Bangkok", 22}, {"Philippines", "Philippine", "Manila", 23}, {"Malaysia", "Malaysian", "Kuala Lumpur", 4},
	{"Portugal", "Portuguese", "Lisbon", 13}, {"Hungary", "Hungarian", "Budapest", 24},
}

// tradition is a naming tradition: given names and family names.
type tradition struct{ Given, Family []string }

// traditions hold names from many traditions; index by country.Tradition.
var traditions = []tradition{
	/* 0 Chinese */ {[]string{"Wei", "Jun", "Lihua", "Xiaoming", "Yan", "Hong", "Jian", "Mei", "Zhiwei", "Guang"}, []string{"Zhang", "Liu", "Chen", "Huang", "Zhao", "Zhou", "Xu", "Sun", "Ma", "Gao"}},
	/* 1 Japanese */ {[]string{"Hiroshi", "Yoko", "Takeshi", "Akiko", "Kenji", "Naoko", "Shinji", "Emiko", "Daisuke", "Haruka"}, []string{"Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito", "Yamamoto", "Nakamura", "Kobayashi", "Kato"}},
	/* 2 Korean */ {[]string{"Min-jun", "Seo-yeon", "Ji-hoon", "Hye-jin", "Dong-hyun", "Soo-ah", "Jae-won", "Eun-ji"}, []string{"Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon"}},
	/* 3 Vietnamese */ {[]string{"Minh", "Lan", "Tuan", "Huong", "Duc", "Thao", "Quang", "Linh"}, []string{"Nguyen", "Tran", "Le", "Pham", "Hoang", "Vu", "Dang", "Bui"}},
	/* 4 Malay-Indonesian */ {[]string{"Budi", "Siti", "Agus", "Dewi", "Rizal", "Nurul", "Hafiz", "Ratna"}, []string{"Santoso", "Wijaya", "Hidayat", "Rahman", "Saputra", "Ibrahim", "Kusuma", "Halim"}},
	/* 5 Indian */ {[]string{"Rajesh", "Priya", "Anil", "Sunita", "Vikram", "Lakshmi", "Arjun", "Meera", "Sanjay", "Kavita"}, []string{"Sharma", "Patel", "Reddy", "Iyer", "Gupta", "Nair", "Menon", "Singh", "Chatterjee", "Rao"}},
	/* 6 Arabic */ {[]string{"Mohammed", "Fatima", "Khalid", "Layla", "Omar", "Yasmin", "Tariq", "Huda", "Faisal", "Samir"}, []string{"al-Hashimi", "Haddad", "al-Rashid", "Khoury", "Nasser", "al-Amin", "Mansour", "Saleh", "Aziz", "Farouk"}},
	/* 7 Persian */ {[]string{"Hossein", "Maryam", "Reza", "Shirin", "Mehdi", "Parisa", "Ali", "Nasrin", "Abbas", "Leila"}, []string{"Hosseini", "Rezaei", "Mohammadi", "Karimi", "Tehrani", "Jafari", "Rahimi", "Moradi", "Sadeghi", "Ahmadi"}},
	/* 8 Turkic */ {[]string{"Mehmet", "Ayse", "Emre", "Elif", "Murat", "Zeynep", "Nurlan", "Aigerim", "Serik", "Baris"}, []string{"Yilmaz", "Kaya", "Demir", "Celik", "Sahin", "Ozturk", "Nurmagambetov", "Abenov", "Aydin", "Arslan"}},
	/* 9 Slavic */ {[]string{"Sergei", "Olga", "Dmitry", "Natalia", "Andriy", "Oksana", "Piotr", "Katarzyna", "Mikhail", "Irina"}, []string{"Ivanov", "Petrova", "Kovalenko", "Shevchenko", "Nowak", "Kowalski", "Smirnov", "Volkova", "Bondarenko", "Wisniewski"}},
	/* 10 German */ {[]string{"Klaus", "Annalena", "Jurgen", "Ursula", "Matthias", "Sabine", "Wolfgang", "Katrin"}, []string{"Muller", "Schmidt", "Schneider", "Fischer", "Weber", "Becker", "Hoffmann", "Wagner"}},
	/* 11 French-Italian */ {[]string{"Jean-Pierre", "Claire", "Francois", "Isabelle", "Giuseppe", "Chiara", "Luca", "Sophie", "Marco", "Giulia"}, []string{"Dubois", "Lefevre", "Moreau", "Laurent", "Rossi", "Bianchi", "Romano", "Ferrari", "Girard", "Colombo"}},
	/* 12 Hispanic */ {[]string{"Alejandro", "Lucia", "Javier", "Carmen", "Diego", "Valentina", "Santiago", "Isabel", "Andres", "Gabriela"}, []string{"Garcia", "Martinez", "Lopez", "Gonzalez", "Rodriguez", "Fernandez", "Morales", "Herrera", "Castillo", "Vargas"}},
	/* 13 Lusophone */ {[]string{"Joao", "Ana", "Pedro", "Mariana", "Rafael", "Beatriz", "Tiago", "Camila"}, []string{"Silva", "Santos", "Oliveira", "Souza", "Costa", "Pereira", "Almeida", "Carvalho"}},
	/* 14 West African */ {[]string{"Adebayo", "Ngozi", "Kwame", "Ama", "Chukwuemeka", "Folake", "Kofi", "Abena", "Olusegun", "Yaa"}, []string{"Okonkwo", "Adeyemi", "Mensah", "Asante", "Okafor", "Boateng", "Balogun", "Owusu", "Eze", "Danjuma"}},
	/* 15 East African */ {[]string{"Wanjiru", "Baraka", "Amani", "Neema", "Juma", "Zawadi", "Otieno", "Achieng"}, []string{"Kamau", "Mwangi", "Odhiambo", "Njoroge", "Kimaro", "Mushi", "Wekesa", "Mutua"}},
	/* 16 Ethiopian */ {[]string{"Abiy", "Hirut", "Tesfaye", "Meskerem", "Dawit", "Selam", "Getachew", "Tigist"}, []string{"Bekele", "Tadesse", "Haile", "Gebremariam", "Alemu", "Wolde", "Negash", "Kebede"}},
	/* 17 Southern African */ {[]string{"Thabo", "Naledi", "Sipho", "Lindiwe", "Themba", "Nomvula", "Bongani", "Zanele"}, []string{"Dlamini", "Nkosi", "Mokoena", "Ndlovu", "Khumalo", "Mahlangu", "Zulu", "Molefe"}},
	/* 18 Nordic */ {[]string{"Ingrid", "Lars", "Astrid", "Erik", "Sigrid", "Henrik", "Aino", "Mikko"}, []string{"Halvorsen", "Lindqvist", "Johansson", "Andersen", "Virtanen", "Berg", "Nyberg", "Korhonen"}},
	/* 19 Anglophone */ {[]string{"James", "Sarah", "Michael", "Emily", "David", "Margaret", "Thomas", "Rachel", "Patrick", "Helen"}, []string{"Thompson", "Walker", "Harris", "Mitchell", "O'Brien", "Campbell", "Robertson", "Clarke", "Murphy", "Bennett"}},
	/* 20 Greek */ {[]string{"Nikos", "Eleni", "Giorgos", "Katerina", "Dimitris", "Sofia"}, []string{"Papadopoulos", "Georgiou", "Nikolaidis", "Konstantinou", "Vlachos", "Alexiou"}},
	/* 21 Hebrew */ {[]string{"Avi", "Noa", "Yossi", "Tamar", "Eitan", "Yael"}, []string{"Cohen", "Levi", "Mizrahi", "Peretz", "Friedman", "Shapiro"}},
	/* 22 Thai */ {[]string{"Somchai", "Siriporn", "Anan", "Kanya", "Prasert", "Malee"}, []string{"Srisuk", "Chaiyaporn", "Wongsawat", "Rattanakorn", "Boonmee", "Sukhumvit"}},
	/* 23 Filipino */ {[]string{"Jose", "Maria", "Ramon", "Corazon", "Emilio", "Teresita"}, []string{"Reyes", "Cruz", "Bautista", "Ocampo", "Mendoza", "Villanueva"}},
	/* 24 Hungarian */ {[]string{"Laszlo", "Zsofia", "Gabor", "Eszter", "Istvan", "Katalin"}, []string{"Nagy", "Kovacs", "Toth", "Szabo", "Horvath", "Varga"}},
}

// offices are the titles synthetic people hold.
var offices = []string{
	"President", "Prime Minister", "Foreign Minister", "Defence Minister", "Trade Minister",
	"Finance Minister", "Deputy Foreign Minister", "Ambassador", "special envoy", "National Security Adviser",
}

// organizations are bodies reports mention (names the extractor knows).
var organizations = []string{
	"United Nations", "European Union", "African Union", "NATO", "World Health Organization",
	"International Monetary Fund", "World Bank", "ASEAN", "Arab League", "OPEC",
}

// topics fill the talks, statements and background of reports.
var topics = []string{
	"trade and investment", "energy security", "climate cooperation", "regional security", "the humanitarian situation",
	"a ceasefire", "grain exports", "nuclear talks", "debt relief", "maritime boundaries", "migration", "public health",
	"infrastructure financing", "counter-terrorism", "water sharing", "visa liberalisation", "a free trade agreement",
}

var weekdays = []string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}

var quotes = []string{
	"Our two countries share a long history of friendship and we intend to deepen it",
	"We will not accept any solution that ignores the will of our people",
	"Dialogue is the only way forward, and we are ready to talk at any time",
	"The situation on the ground remains very serious and requires urgent action",
	"We have agreed to double our trade within five years",
	"This visit opens a new chapter in our relations",
	"There can be no lasting peace without justice",
	"We call on all parties to show restraint and return to the negotiating table",
	"Our partnership is based on mutual respect and common interests",
	"We discussed difficult issues frankly and found much common ground",
}

var fillers = []string{
	"Bilateral trade between the two countries reached %d billion dollars last year, according to official figures.",
	"Analysts said the talks were the most substantive in %d years.",
	"The two sides signed %d memoranda of understanding covering agriculture, education and technology.",
	"Protesters gathered outside the venue, and police said about %d people took part.",
	"The delegation of %d officials is expected to stay for three days.",
	"Local media reported that more than %d journalists had asked to cover the event.",
	"The agreement, first proposed %d years ago, still needs approval by parliament.",
	"Officials did not give details of the %d points discussed behind closed doors.",
	"The meeting lasted about %d minutes longer than planned, an aide said.",
	"A joint statement is expected to be issued within %d days.",
	"Negotiators have met %d times since the framework was first agreed.",
	"Prices of staple goods have risen by %d percent since the start of the year.",
	"The border crossing has been closed for %d days, stranding hundreds of lorries.",
	"Opposition lawmakers criticised the talks, saying %d previous rounds had produced little.",
	"Diplomats said a draft of the text ran to %d pages.",
	"The visit is the first at this level in %d years.",
	"Security was tight, with roads around the venue closed for %d hours.",
	"An estimated %d thousand people have been displaced by the fighting.",
	"The project, if approved, would create about %d thousand jobs.",
	"Talks at the technical level are set to resume in %d weeks.",
}
