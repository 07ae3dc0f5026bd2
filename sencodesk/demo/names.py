"""Made-up names for the demo school, drawn from the mix of families found in English schools.

Each group is (weight, EAL likelihood, girls' names, boys' names, surnames). The weights are a
rough picture of a mixed English town, not statistics about anyone; every combination is
fictional. EAL likelihood is why a group exists at all: a pupil's first language is not
English far more often in some families than others, and the demo should look like that.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NameGroup:
    weight: float
    eal: float  # chance a pupil from this group is recorded as EAL
    girls: tuple[str, ...]
    boys: tuple[str, ...]
    surnames: tuple[str, ...]


GROUPS: tuple[NameGroup, ...] = (
    NameGroup(0.62, 0.01,
              ("Olivia", "Amelia", "Isla", "Ava", "Lily", "Freya", "Ivy", "Florence", "Poppy",
               "Evie", "Ella", "Grace", "Sophia", "Daisy", "Millie", "Rosie", "Harper", "Willow",
               "Sienna", "Matilda", "Ruby", "Elsie", "Phoebe", "Scarlett", "Esme", "Imogen",
               "Charlotte", "Emily", "Jessica", "Hannah", "Chloe", "Megan", "Lucy", "Holly"),
              ("Oliver", "George", "Noah", "Arthur", "Leo", "Oscar", "Harry", "Jack", "Charlie",
               "Freddie", "Alfie", "Theo", "Thomas", "Henry", "Archie", "Jacob", "Joshua", "Max",
               "Reuben", "Teddy", "Finley", "Riley", "Ethan", "James", "William", "Samuel",
               "Daniel", "Lewis", "Callum", "Connor", "Dylan", "Tyler", "Harrison", "Logan"),
              ("Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies",
               "Robinson", "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green",
               "Hall", "Wood", "Jackson", "Clarke", "Hughes", "Edwards", "Turner", "Hill",
               "Moore", "Cooper", "Ward", "Harris", "Martin", "Baker", "Lewis", "Parker",
               "Bennett", "Carter", "Shaw", "Mills", "Fletcher", "Holmes", "Barker", "Marshall",
               "O'Brien", "Murphy", "McCarthy", "Kelly", "Doyle", "Price", "Griffiths",
               "Lloyd-Jones", "Fairbrother", "Ashworth", "Pemberton", "Whitfield")),
    NameGroup(0.10, 0.45,
              ("Aisha", "Zara", "Maryam", "Inaya", "Hafsa", "Anaya", "Priya", "Simran", "Aaliyah",
               "Fatima", "Khadija", "Amara", "Riya", "Noor", "Safa", "Jannat", "Sana", "Ishani"),
              ("Muhammad", "Ibrahim", "Yusuf", "Zayn", "Ayaan", "Hamza", "Arjun", "Rohan",
               "Aryan", "Bilal", "Idris", "Harjot", "Kabir", "Rayyan", "Dev", "Imran", "Omar"),
              ("Khan", "Ahmed", "Hussain", "Ali", "Patel", "Begum", "Iqbal", "Rahman", "Mahmood",
               "Shah", "Akhtar", "Chowdhury", "Singh", "Kaur", "Sharma", "Gill", "Sandhu",
               "Mistry", "Choudhury", "Malik", "Bashir", "Uddin")),
    NameGroup(0.08, 0.25,
              ("Amara", "Chioma", "Adaeze", "Zainab", "Ife", "Nia", "Abena", "Keisha", "Tianna",
               "Precious", "Blessing", "Esther", "Favour", "Shanice", "Imani", "Makeda"),
              ("Tobi", "Kwame", "Chidi", "Emmanuel", "David", "Kofi", "Jayden", "Malachi",
               "Tyrese", "Elijah", "Daniel", "Samuel", "Femi", "Tunde", "Kayden", "Isaiah"),
              ("Okafor", "Adeyemi", "Mensah", "Boateng", "Campbell", "Okoro", "Asante", "Oduya",
               "Brown", "Williams", "Francis", "Henry", "Richards", "Osei", "Adebayo",
               "Nwosu", "Bailey", "Gordon", "Reid", "Thomas")),
    NameGroup(0.09, 0.75,
              ("Zuzanna", "Maja", "Lena", "Julia", "Alexandra", "Ioana", "Maria", "Elena",
               "Natalia", "Amelia", "Oliwia", "Daria", "Viktoria", "Anastasia", "Roberta"),
              ("Jakub", "Szymon", "Filip", "Antoni", "Andrei", "Luca", "Matei", "David",
               "Mateusz", "Kacper", "Ionut", "Lukas", "Tomas", "Dawid", "Mykola", "Oleksandr"),
              ("Nowak", "Kowalski", "Wisniewski", "Wojcik", "Kaminski", "Lewandowski",
               "Popescu", "Ionescu", "Stan", "Dumitru", "Kazlauskas", "Petrauskas", "Horvath",
               "Kovalenko", "Bondarenko", "Shevchenko", "Novak", "Dvorak")),
    NameGroup(0.05, 0.60,
              ("Mei", "Ling", "Yuki", "Hana", "Lan", "Anh", "Linh", "Sofia", "Layla", "Mariam",
               "Yasmin", "Amira", "Ayse", "Elif", "Defne"),
              ("Wei", "Jun", "Hao", "Minh", "Bao", "Kenji", "Omar", "Youssef", "Adam", "Karim",
               "Emir", "Yusuf", "Mehmet", "Kerem", "Ali"),
              ("Chen", "Wang", "Li", "Zhang", "Nguyen", "Tran", "Pham", "Wong", "Lam",
               "Haddad", "Mansour", "Saleh", "Yilmaz", "Kaya", "Demir", "Celik", "Abdi",
               "Hassan", "Mohamed", "Farah")),
    NameGroup(0.06, 0.05,
              ("Maya", "Sofia", "Layla", "Eva", "Nadia", "Leah", "Hana", "Mia", "Zoe", "Aria"),
              ("Kai", "Luca", "Elias", "Jude", "Nathan", "Adam", "Leon", "Ezra", "Rafael", "Ari"),
              ("Campbell-Khan", "Smith-Osei", "Garcia", "Rossi", "Fernandes", "Da Silva",
               "Costa", "Murray", "Byrne", "Quinn", "Rodrigues", "Morgan", "Ellis", "Brooks")),
)

# Shortened names some pupils go by (preferred forename); the legal name stays on record.
SHORT_NAMES = {
    "Alexandra": "Alex", "Charlotte": "Lottie", "Florence": "Flo", "Elizabeth": "Lizzie",
    "Matilda": "Tilly", "Samuel": "Sam", "Thomas": "Tom", "William": "Will", "Joshua": "Josh",
    "Daniel": "Dan", "James": "Jamie", "Muhammad": "Mo", "Oleksandr": "Sasha",
    "Emmanuel": "Manny", "Jessica": "Jess", "Anastasia": "Stasia", "Jakub": "Kuba",
}

# Parents' and carers' first names; a mother is named from the first list, a father from the second.
CARER_WOMEN = ("Sarah", "Claire", "Emma", "Rachel", "Nicola", "Gemma", "Farah", "Ngozi", "Agnieszka",
               "Mei", "Joanne", "Kelly", "Anita", "Ruth", "Helen", "Sunita", "Grace", "Ioana")
CARER_MEN = ("Michael", "David", "Paul", "Mark", "Imran", "Kwame", "Piotr", "Chris", "Lee", "Stuart",
             "Tariq", "Andrei", "Gareth", "Wei")
CARER_FORENAMES = CARER_WOMEN + CARER_MEN

DESTINATIONS = (
    "Moved to another school in the LA", "Moved out of the area", "Moved abroad",
    "Special school placement", "Elective home education",
)
