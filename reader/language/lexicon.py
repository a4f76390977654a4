"""Word lists the quotation rules read: reporting verbs, roles, ranks, honorifics, bodies, and
the small words that end a name or open a sentence.

They are data, kept apart from the rules so a reader of the rules sees the patterns and a
maintainer of the lists sees every word in one place.
"""

from __future__ import annotations

import re

WORD = re.compile(r"[\w'’-]+")  # a word, with its inner apostrophes and hyphens

# Reporting verbs after a quote: "…," kata X / ujarnya / ujar dia.
AFTER_VERBS = (
    "kata|ujar|tulis|ucap|ungkap|tegas|jelas|tutur|terang|lanjut|imbuh|tambah|tukas|pungkas|"
    "sebut|papar|seru|sambung|timpal|kilah|aku|cetus|bilang|katakan|jawab|urai|tandas|pinta|"
    "harap|beber|tanya|ajak|sindir|klaim|keluh|teriak|cerita|kenang|canda|pesan|ingat|"
    "tuding|protes|balas|sahut|bisik|terang|tutup|kisah|akui|yakin|nilai|tambahnya"
)
SPEECH_NOUNS = (
    r"(?:demikian|begitu|seperti)\s+(?:bunyi\s+|isi\s+)?(?:pengumuman|pernyataan|keterangan|"
    r"penjelasan|rilis|siaran\s+pers|unggahan|cuitan|tulisan|surat|pesan|kata|ucapan|jawaban)"
    r"(?:\s+resmi)?(?:\s+(?:dari|oleh)(?=\s))?"  # "demikian pernyataan resmi dari keluarga X"
    r"|(?:demikian|begitu)\s+(?:dilaporkan|disampaikan|diungkapkan|dikatakan|ditegaskan|"
    r"dijelaskan|ditulis)(?:\s+oleh)?(?=\s)"  # "demikian dilaporkan Saudi Press Agency"
)
# Reporting verbs before a quote: X mengatakan, "…" / X bilang "…" / menurut X, "…".
BEFORE_VERBS = (
    "mengatakan|menyatakan|menegaskan|menulis|menuliskan|menyebut|menyebutkan|menjelaskan|"
    "mengungkapkan|menuturkan|berkata|bilang|menambahkan|mengaku|meminta|menilai|memaparkan|"
    "mengingatkan|menerangkan|menekankan|mengimbau|berujar|bertanya|menanyakan|menjawab|"
    "mengklaim|membenarkan|mencontohkan|berharap|mengajak|menyampaikan|mengumumkan|"
    "membantah|menuding|menyebutnya|mengucapkan|berpesan|bersabda|menduga|memastikan|"
    "menganggap|berpendapat|mengungkap|berucap|bercerita|menceritakan|mengutip|menandaskan|"
    "said|says|told|wrote|added|stated|asked"
)
# Words that name a role, a rank, a place or a body rather than a person.
ROLE_WORDS = {
    w.lower() for w in """
    Presiden Wakil Wapres Menteri Menko Mendagri Menkes Menlu Menhan Mensesneg Kepala Ketua Kabid
    Kasubdit Kasat Kapolri Kapolda Kapolres Kapolsek Kabareskrim Kadiv Karo Humas Polda Polres
    Polri Polsek TNI Kombes Pol AKBP AKP Iptu Ipda Aiptu Aipda Bripka Brigpol Briptu Bripda
    Brigadir Bharada Bharatu Bharaka Kompol Perwira Intel Intelijen
    Brigjen Irjen Komjen Jenderal Letjen Mayjen Marsekal Laksamana Laksma Marsma
    Kolonel Letkol Mayor Kapten Serda Sertu Serka Serma Kopda Koptu Praka Pratu Kapuspen
    Kapendam Pangdam Danrem Dandim Gubernur Wagub Bupati Walikota Wali Kota Camat Lurah Kades
    Sekda Sekjen Sekretaris Direktur Dirut Direktris Utama Deputi Asisten Staf Khusus Stafsus
    Juru Bicara Jubir Kabag Kasubag Kadis Kasi Kasie Kasubsi Petugas Plt Pj Pelaksana Tugas Harian
    Konselor Mantan Anggota Komisi DPR DPRD MPR DPD Ketum Umum Dewan
    Pembina Pengurus Besar Pusat Wilayah Cabang Koordinator Komandan Panglima Kepolisian Kejaksaan
    Kejagung Jaksa Agung Hakim Majelis Kementerian Kementrian Kemenkes Kemenlu Kominfo Kemkominfo
    Kemendagri Kemensos Badan Dinas Pemerintah Pemprov Pemkot Pemkab Pemda Perdana PM Raja Ratu
    Pangeran Putra Mahkota Sultan Syekh Syaikh Habib Ustaz Ustad Kyai Kiai KH Prof Dr Drg Drh Ir Drs
    Hj H Pdt
    Romo Pastor Rabbi Imam Kardinal Paus Profesor Dosen Peneliti Pengamat Ahli Dokter Spesialis
    Komisioner Kabiro Karopenmas Kasubbid Penmas Plh Katib Aam Rais Luar Dalam Negeri Negara
    Republik Rakyat Daerah Provinsi Kabupaten Bidang Bagian Hubungan Masyarakat Informasi
    Komunikasi Publik Pers Communication Legal Section Senior Minister Foreign Secretary
    President Prime Spokesman Spokesperson Director Chief Executive Officer CEO CFO CTO COO Head
    General Governor Mayor Senator Chairman Official Officer Lieutenant Colonel Major Captain
    Police Commissioner Founder Manager Vice Amerika Serikat AS Inggris Rusia China Cina Tiongkok
    Iran Israel Arab Saudi Jepang Korea Selatan Utara India Kazakhstan Kazakh Indonesia RI Jabar
    Jateng Jatim Sumut Sulsel DKI Jakarta Timur Barat Tengah Jaya Metro Asia Eropa Afrika Ekonomi
    Keuangan Pertahanan Kesehatan Pendidikan Kebudayaan Agama Sosial Perhubungan Perdagangan
    Perindustrian Pertanian Kehutanan Hukum HAM Politik Keamanan Maritim Kemaritiman Investasi
    BUMN Riset Teknologi Pariwisata Lingkungan Hidup Tenaga Kerja Sekretariat Kabinet Istana
    Kepresidenan Mabes Puspen Data Penanggulangan Bencana Nasional BNPB PVMBG BMKG KPK KPU Bawaslu
    MUI PBNU Belanda Prancis Perancis Jerman Turki Australia Malaysia Singapura Brasil Brazil
    Ukraina Kanada Mesir Filipina Thailand Vietnam Italia Spanyol Palestina Suriah Irak Yordania
    Qatar Yaman Taiwan Pakistan Afghanistan Meksiko Venezuela Argentina Nigeria Olahraga
    Informatika Aplikasi Food Group Operasional Penuntut Terdakwa Tersangka Saksi Korban
    Pengacara Kuasa Advokat Penasihat Panitera Pelapor Terlapor Penyidik Auditor Inspektur
    Inspektorat Direktorat Direktorat Jenderal Dirjen Kakanwil Kanwil Kantor Wilayah Kepaniteraan
    Fraksi Partai Ketua Umum Sekretaris Jenderal Bendahara Pendiri Pemimpin Redaksi Pemred Rektor
    Dekan Guru Besar Kepala Sekolah Pelatih Manajer Kapten Pemain Aktor Aktris Penyanyi Musisi
    Sutradara Produser Penulis Wartawan Jurnalis Pengusaha Ekonom Analis Komisaris Apoteker
    Perawat Bidan Psikolog Psikiater Notaris Arsitek Akuntan Aktivis Sejarawan Budayawan
    Kontributor Koresponden Fotografer Kameramen Redaktur Fotojurnalis Presenter Penyiar
    Presdir Presiden Direktur Wamen Wamenpora Menpora Menkeu Mendag Mentan Menhub Menaker Mensos
    Menkominfo Menkumham Menag Mendikbud Menparekraf Menpan Menlhk Menteri BUMN Kemenpora
    """.split()
}
# Words of a role that qualify a title and are never one (a portfolio, a people, a scope):
# "Rakyat Mart" is a shop, not a person with the role "Rakyat".
ROLE_QUALIFIERS = {
    w.lower() for w in """
    Rakyat Umum Negeri Luar Dalam Daerah Nasional Pusat Negara Republik Provinsi Kabupaten
    Wilayah Cabang Ekonomi Keuangan Pertahanan Kesehatan Pendidikan Kebudayaan Agama Sosial
    Perhubungan Perdagangan Perindustrian Pertanian Kehutanan Hukum HAM Politik Keamanan Maritim
    Investasi Riset Teknologi Pariwisata Lingkungan Hidup Tenaga Kerja Informasi Komunikasi Publik
    Pers Masyarakat Hubungan Bidang Bagian Data Bencana Olahraga Informatika Aplikasi Operasional
    """.split()
}
ROLE_PREFIX = re.compile(r"^(?:wa)?ka(?:pol|sat|bid|sub|dis|kan|pen|pus|ro|div|bag|ur|nit)\w*$"
                          r"|^(?:wa)?dir(?:es|res|lantas|intel|narkoba|binmas|polair|samapta)\w*$")
HOSPITALS = {"rs", "rsud", "rsup", "rsu", "rsia", "rsj", "rspad", "puskesmas", "klinik"}
BODY_HEADS = HOSPITALS | {
    w.lower() for w in """
    Kementerian Kementrian Kemenkes Kemenlu Kominfo Kemkominfo Kemendagri Kemensos Badan Dinas
    Pemerintah Pemprov Pemkot Pemkab Pemda Kepolisian Polri Polda Polres Polsek Kejaksaan Kejagung
    Mabes Hospital
    Istana Pusat Lembaga Komisi Dewan Majelis Mahkamah Pengadilan Partai Perusahaan Pihak PT Tim
    Satgas BNPB PVMBG BMKG KPK KPU Bawaslu MUI PBNU TNI DPR DPRD MPR Kemenkumham Kemenag BEM
    Kemendikbud Ministry Government Department Office Agency Police Company The White House Gedung
    Kantor Direktorat Ditjen Inspektorat Sekretariat Kanwil Biro Balai Universitas Institut Yayasan
    Asosiasi Perhimpunan Ikatan Himpunan Serikat Koalisi Aliansi
    """.split()
}
# Laws, regulations and bills: "RUU Perkoperasian juga akan mengatur …" names no one.
LAW_HEADS = {
    w.lower() for w in """
    UU RUU Perppu Perpu Perpres Permen Perda Pergub Perwali Perbup Perkap Perpol Perma PP
    Keppres Kepres Inpres Kepmen Pasal Undang-Undang Peraturan Keputusan Instruksi Rancangan
    KUHP KUHAP Qanun
    """.split()
}
ADMIN_UNITS = {"kabupaten", "kab", "kota", "provinsi", "kecamatan", "desa", "kelurahan",
               "kampung", "pulau", "kepulauan", "distrik", "dusun", "nagari", "gampong"}
RANKS = {w.lower() for w in """Kombes Pol AKBP AKP Iptu Ipda Aiptu Aipda Bripka Brigpol Briptu
    Bripda Brigadir Bharada Bharatu Bharaka Kompol Brigjen Irjen Komjen Jenderal Letjen Mayjen
    Kolonel Letkol Mayor Kapten Serda Sertu
    Serka Serma Kopda Koptu Praka Pratu Marsekal Laksamana""".split()}
PRONOUNS = {"dia", "ia", "beliau", "mereka", "he", "she", "they", "saya", "kami", "dirinya"}
BACK_WORDS = {"ini", "itu", "tersebut", "tadi"}
LOWER_BODIES = {"kantor", "pihak", "pemerintah", "kementerian", "kepolisian", "tim", "lembaga",
                 "perusahaan", "partai", "istana", "manajemen", "otoritas", "keluarga"}
STOP_NAME = {
    "di", "dalam", "kepada", "pada", "saat", "ketika", "usai", "seusai", "setelah", "sebelum",
    "melalui", "seperti", "sebagaimana", "dari", "yang", "dan", "ini", "itu", "lagi", "kembali",
    "menambahkan", "menjelaskan", "dikutip", "dilansir", "kala", "sembari", "sambil", "soal",
    "terkait", "tentang", "mengenai", "dengan", "untuk", "bahwa", "in", "on", "at", "to",
    "tersebut", "lewat", "via", "ke", "kepadanya", "belum", "sudah", "juga", "pun", "tadi",
    "lalu", "kemarin", "mengutip", "menirukan", "sebelumnya", "atas", "bagi", "hingga", "sampai",
}
NOT_VERBS = STOP_NAME | {
    "atau", "tetapi", "tapi", "namun", "kemudian", "sehingga", "karena", "sebab", "agar", "jika",
    "kalau", "maka", "serta", "bahkan", "hanya", "adalah", "ialah", "yakni", "yaitu", "oleh",
    "akan", "telah", "sedang", "masih", "tidak", "bukan", "para", "sang", "bagian", "seorang",
    "sejumlah", "warga", "kata", "the", "and", "for", "from", "with",
}
NAME_LINKS = {"bin", "binti", "van", "von", "de", "da", "al", "el", "la", "der", "den"}
SPEECH_WORDS = {"kalimat", "ucapan", "pernyataan", "perkataan", "pesan", "cuitan", "unggahan",
                 "tulisan", "komentar", "jawaban", "pidato", "sambutan", "keterangan"}
FOLLOWERS = {"juga", "pun", "sempat", "telah", "sudah", "akan", "masih", "tidak", "belum",
              "kembali", "lantas", "lalu", "kemudian", "sendiri", "langsung", "bilang", "tegas",
              "justru", "malah", "bahkan", "pernah", "mengaku", "sebelumnya"}

PREPOSITIONS = {
    "di", "ke", "dari", "pada", "untuk", "bagi", "tentang", "terhadap", "atas", "dalam",
    "antara", "menuju", "sejak", "hingga", "sampai", "kepada", "dengan", "melawan", "versus",
    "bersama", "tanpa", "via", "lewat", "melalui", "soal", "terkait", "seperti", "asal", "kota",
    "oleh", "nama", "mengutip", "dilansir", "dikutip", "menurut",
    "in", "at", "to", "from", "of", "with", "for", "by", "on", "the",
}
# Capitalised words that start sentences but name nobody.
SENTENCE_STARTERS = {
    w.lower() for w in """
    Terlebih Dalam Namun Sementara Menurut Selain Saat Ketika Setelah Sebelum Sejak Pada Dia Ia
    Mereka Senada Serupa Sejalan
    Kami Kita Saya Ini Itu Hal Tetapi Tapi Dan Atau Jika Kalau Bahkan Adapun Sedangkan Maka
    Oleh Karena Sebab Akibat Meski Meskipun Walaupun Hingga Sampai Terkait Soal Untuk Bagi
    Dengan Melalui Kemudian Lalu Selanjutnya Senin Selasa Rabu Kamis Jumat Sabtu Minggu
    Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember
    Berdasarkan Sebelumnya Sesuai Seperti Padahal Apalagi Bila Apabila Agar Supaya The A In
    Usai Seusai Lewat Para Sang Sebanyak Seorang Salah Lebih Kembali Tak Tidak Baru Kini Diketahui
    Sontak Akhirnya Belakangan Bukannya Sekadar Begini Berikut Anehnya Selama Menurutnya
    Awal Akhir Pekan Tahun Bulan Hari Kemarin Pagi Siang Sore Malam Tadi Semalam Dulu Nanti
    Sekarang Saat-saat Sejumlah Beberapa Banyak Semua Seluruh Tiap Setiap Hanya Cuma
    Bukan Jangan Masih Sudah Belum Akan Bisa Harus Ingin Siap Saja Termasuk Terutama Khususnya
    Misalnya Contohnya Sehingga Tentu Tentunya Apakah Mengapa Kenapa Bagaimana Walau Selagi Dari
    """.split()
}
# The English ones (in English text an Indonesian word such as "Dan" may be a name).
EN_SENTENCE_STARTERS = {
    w.lower() for w in """
    The A In But And So Yet Still When While After Before Although Though However Meanwhile
    Instead Now Then Also Even If Because Since Until Unlike Like As Once Therefore Thus Hence
    Moreover Furthermore Additionally Besides Consequently Nevertheless Nonetheless Otherwise
    Accordingly Indeed Earlier Later Previously Recently Currently Yesterday Overall Perhaps
    Finally For With From By About Among During Without Against April September November
    Similarly Likewise Specifically Notably Importantly Ultimately Eventually Initially
    Originally Typically Generally Fortunately Unfortunately Separately Elsewhere Regardless
    Afterward Afterwards Today Tonight Tomorrow Last Next Here There January February March July
    October December Monday Tuesday Wednesday Thursday Friday Saturday Sunday Is Was Are Were
    Does Did Has Have Had Should Would Could Why How What Where On At Through Amid Despite
    Maybe Someday Surely Probably Hopefully Certainly Obviously Honestly Frankly Clearly Sadly
    """.split()  # (questions too: a heading "Is Max a hero?" names Max)
}
SENTENCE_STARTERS |= EN_SENTENCE_STARTERS
SOFT_STARTERS = {"itu", "jauh", "lanjut", "pun", "ini", "lagi"}
CLAUSE_OPENERS = {
    w.lower() for w in """
    Dalam Saat Ketika Setelah Sebelum Sejak Pada Usai Seusai Soal Terkait Mengutip Berdasarkan
    Di Dari Sementara Selain Sebelumnya Namun Meski Meskipun Sesuai Seperti Dilansir Dikutip
    Mengenai Menanggapi Kembali Atas Bagi Untuk Karena Lebih Kemudian Selanjutnya Akibat
    Menjawab Ditanya
    While When Whereas After Before Although Though Since Because Despite During Amid Following
    Asked In On At
    """.split()
}

# Words after which a quotation is a title or a name even across a comma or colon.
NAMING_WORDS = {"berjudul", "bertajuk", "judul", "tajuk", "titled", "entitled", "dijuluki",
                "bertuliskan", "bernama", "dubbed", "tagar", "hashtag"}
# Words that name a work or a term when they stand just before the quotation mark.
TITLE_WORDS = {
    "berjudul", "bertajuk", "judul", "tajuk", "artikel", "headline", "lagu", "film", "buku",
    "tagar", "hashtag", "istilah", "slogan", "julukan", "sebutan", "dijuluki", "disebut",
    "bernama", "bertuliskan", "tulisan", "program", "gerakan", "aplikasi", "novel", "album",
    "kampanye", "semboyan", "motto", "moto", "jargon", "titled", "called", "dubbed",
    "video", "single", "sinetron", "serial", "drama", "acara", "majalah", "koran",
    "harian", "situs", "akun", "karya", "lakon", "pameran", "festival", "operasi",
    "song", "movie", "book", "show", "series", "term", "phrase", "word", "expression",
    "policy", "label", "brand", "merek", "known", "nicknamed", "labelled", "labeled", "branded",
}

# Lower-case words before a name that make the speaker someone close to that person: a relative,
# a lawyer, a spokesperson, a friend ("kata ayah Mirna" is Mirna's father).
RELATIONS = {
    "ayah", "ayahanda", "ibu", "ibunda", "bapak", "istri", "suami", "anak", "putra", "putri",
    "kakak", "adik", "abang", "paman", "bibi", "tante", "nenek", "kakek", "cucu", "keluarga",
    "kerabat", "saudara", "sepupu", "mertua", "menantu", "keponakan", "pacar", "kekasih",
    "tunangan", "teman", "sahabat", "rekan", "kolega", "tetangga", "pengacara", "kuasa hukum",
    "juru bicara", "jubir", "ajudan", "asisten", "manajer", "orang tua", "orangtua", "setim",
}
# Lower-case words for one of the people of a place, club, company or school: "warga Bekasi",
# "suporter Persija", "pendiri Wealthsimple" name that person, not the place or body.
MEMBERS = {
    "warga", "suporter", "pendukung", "penggemar", "fans", "pemain", "penumpang", "pelanggan",
    "nasabah", "karyawan", "pegawai", "staf", "siswa", "mahasiswa", "murid", "santri", "jemaah",
    "pengemudi", "sopir", "pemilik", "pendiri", "pengguna", "konsumen", "pedagang", "peserta",
    "relawan", "kader", "simpatisan", "buruh", "petani", "nelayan", "penghuni", "pengunjung",
}
# Events whose name follows right after the word, with no comma or colon between: a title.
EVENT_WORDS = {"diskusi", "seminar", "webinar", "talkshow", "lokakarya", "simposium",
               "sarasehan", "bertema", "tema", "workshop", "dialog"}

# -- names: what belongs to the role, what ends a name -----------------------------------------

# Abbreviations written with a full stop that does not end a sentence or a name: honorifics,
# ranks and titles before a name, and company suffixes after one (``R.M. Palmer Co. plant``).
ABBREVIATIONS = {
    w.lower() for w in """
    Dr Dra Drs Prof Ir H Hj KH Tgk Ust Ny Sdr Bpk St Mr Mrs Ms Mx Jr Sr Rep Sen Gov Lt Gen Col Sgt
    Capt Cpt Maj Adm Cmdr Insp Supt Det Rev Hon Pres Atty Gen Brig Cpl Pvt Co Corp Inc Ltd Bros
    No Vol Mt Ft Jl Kab Kec Prov Tbk Dkk Dll Dsb Vs Sdn Bhd Univ Dept Alm Almh
    """.split()
}
# Titles, ranks and honorifics that come before a name and belong to the role.
HONORIFICS = {
    w.lower() for w in """
    Dr Dra Drs Prof Ir H Hj KH Tgk Ust Ny Sdr Bpk Mr Mrs Ms Mx Rep Sen Gov Lt Sgt Capt Cpt Maj Adm
    Cmdr Insp Supt Det Rev Hon Atty Brig Cpl Pvt Officer Sheriff Judge Justice Detective Sergeant
    Inspector Superintendent Representative Congressman Congresswoman Councilman Councilwoman
    Sir Dame Lord Lady Queen King Prince Princess Pope Father Sister Brother Rabbi Bishop Cardinal
    Gus Mbah Kang Teuku Cut Tengku Andi Raden Mas Ajeng Gusti Anak Agung Ida Bagus I Ni Wayan
    Made Nyoman Ketut Kadek Komang Putu Gede Pak Bu Bang Mbak Kak Haji Hajjah
    """.split()
} - {"andi", "mas", "ida", "bagus", "i", "ni", "wayan", "made", "nyoman", "ketut", "kadek",
     "komang", "putu", "gede", "teuku", "cut", "tengku", "raden", "gusti", "anak", "agung", "gus",
     "kang", "mbah", "ajeng"}  # parts of Indonesian names, not roles: kept in the name
ROMAN = re.compile(r"^(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3})$")  # "Komisi X", "Wilayah V", "Subdit IV"
ROLE_LINKS = {"dan", "and", "of", "for", "&", "untuk"}  # inside a role: "Secretary of State"
COMPANY_ENDINGS = {"co", "corp", "inc", "ltd", "llc", "plc", "tbk", "group", "company"}
# Words that open an organisation's name: the word after them is that name, not a person's
# ("Sekjen Partai Golkar Idrus Marham", "Direktur Utama PT Pertamina Nicke Widyawati").
ORG_HEADS = {"partai", "fraksi", "pt", "ditjen", "direktorat", "universitas", "institut", "bank",
             "yayasan", "asosiasi"}
# A company's officers: in Indonesian the word after them is the company when a name of two
# words follows ("CEO Sinarmas Dewi Anggraini"; English writes "CFO John David Rainey").
CORPORATE_TITLES = {"ceo", "co-ceo", "coo", "cfo", "cto", "cmo", "founder", "co-founder",
                    "presdir", "dirut", "chairman", "chairwoman", "owner", "pendiri"}
# Numbered schools: the word after the number is the school's place ("SMAN 1 Sukorejo").
SCHOOLS = {"sman", "smpn", "sdn", "sma", "smp", "sd", "smk", "smkn", "man", "mts", "mtsn", "min",
           "slb", "slbn"}
# Heads of offices named after their region: the word after them is the place.
PLACE_HEADS = {
    w.lower() for w in """
    Gubernur Wagub Bupati Wabup Walikota Wawali Camat Lurah Kades Kapolda Wakapolda Kapolres
    Wakapolres Kapolresta Kapolrestabes Kapolsek Kajati Kajari Pangdam Danrem Dandim Danlanud
    Kakanwil Sekda Kadinkes Kadisdik Pj Plt Pjs
    """.split()
}
# Provinces, their short forms, and large cities: places, never the person.
PLACES = {
    w.lower() for w in """
    Aceh Sumatera Sumatra Riau Jambi Bengkulu Lampung Bangka Belitung Banten Jawa Yogyakarta
    DIY Bali Nusa Tenggara NTB NTT Kalimantan Sulawesi Gorontalo Maluku Papua Kaltim Kalbar
    Kalsel Kalteng Kaltara Sulut Sulteng Sultra Sulbar Sumbar Sumsel Kepri Babel Malut Jabodetabek
    Surabaya Bandung Medan Semarang Makassar Palembang Tangerang Depok Bekasi Bogor Malang
    Denpasar Batam Pekanbaru Padang Manado Balikpapan Samarinda Pontianak Banjarmasin Mataram
    Kupang Jayapura Ambon Cirebon Sukabumi Tasikmalaya Serang Cilegon Karawang Purwakarta Kudus
    Surakarta Solo Magelang Pekalongan Tegal Kediri Madiun Jember Banyuwangi Sidoarjo Gresik
    Mojokerto Pasuruan Probolinggo Blitar Sleman Bantul Kulon Progo Gunungkidul Klaten Boyolali
    Sragen Karanganyar Wonogiri Sukoharjo Cilacap Banyumas Purwokerto Kendari Palu Mamuju Ternate
    Sorong Merauke Timika Tarakan Singkawang Palangkaraya Palangka Raya Lhokseumawe Langsa
    Sabang Binjai Pematangsiantar Tebing Tinggi Dumai Lubuklinggau Prabumulih Pangkalpinang
    Tanjungpinang Bukittinggi Payakumbuh Cimahi Garut Cianjur Subang Indramayu Majalengka
    Kuningan Sumedang Ciamis Pangandaran Lebak Pandeglang Senayan Kebayoran Menteng Cawang
    Jakarta Bekasi Washington London Paris Moskow Moscow Beijing Tokyo Seoul Roma Rome Berlin
    Sydney Canberra Singapura Kuala Lumpur Bangkok Manila Hanoi Riyadh Teheran Tehran Ankara
    Kairo Cairo Gaza Yerusalem Jerusalem Brussels Geneva Jenewa Dubai Doha Astana Almaty Vatikan
    Lombok Sumbawa Flores Madura Nias Bintan Halmahera Seram Timor Sumba Mentawai Natuna
    California Texas Florida Pennsylvania Minnesota Nevada Ohio Arkansas Chicago Seattle Boston
    """.split()
}
# English titles and the words of offices (``Coordinating Minister for Economic Affairs``).
EN_ROLE_WORDS = {
    w.lower() for w in """
    Senior Minister Foreign Secretary President Prime Spokesman Spokesperson Spokeswoman Director
    Chief Executive Officer CEO CFO CTO COO Head General Governor Mayor Senator Chairman
    Chairwoman Official Lieutenant Colonel Major Captain Police Commissioner Founder Manager Vice
    Deputy Assistant Speaker Leader Majority Minority Whip Chancellor Ambassador Envoy Attorney
    Prosecutor
    Judge Justice Sheriff Sergeant Detective Inspector Superintendent Commander Admiral Marshal
    Coordinating Affairs Economic Finance Defense Defence Home Interior Treasury Labor Labour
    Trade Energy Health Education State Homeland Security Agriculture Transportation Commerce
    Communication Communications Information Legal Section Secretary-General
    Council Councilman Councilwoman Representative Congressman Congresswoman Republican
    Democrat Democratic Independent Acting Interim Former Supreme District Federal National
    Regional International Executive Operating Financial
    Technology Officer Analyst Economist Strategist Professor Dean Provost Rector Coach Editor
    Pope Cardinal Bishop Rabbi Imam Reverend King Queen Prince Princess Crown Emir Sheikh
    Champion Champions Olympic Olympian Captain Coach Manager Advocate Counsel Fellow Researcher
    """.split()
}
# Lower-case English words that name a role before a name: "UGI spokesperson Joseph Swope".
EN_ROLE_NOUNS = {
    "spokesperson", "spokesman", "spokeswoman", "manager", "president", "director", "chief",
    "officer", "professor", "minister", "secretary", "chairman", "chairwoman", "chair",
    "executive", "analyst", "economist", "strategist", "researcher", "scientist", "expert",
    "lawyer", "attorney", "official", "leader", "founder", "co-founder", "owner", "mayor",
    "governor", "senator", "representative", "councilmember", "commissioner", "sheriff",
    "detective", "inspector", "sergeant", "captain", "lieutenant", "colonel", "general",
    "coach", "player", "editor", "reporter", "correspondent", "host", "actor", "actress",
    "singer", "author", "writer", "doctor", "physician", "allergist", "climatologist",
    "meteorologist", "head", "boss", "ceo", "cfo", "cto", "coo", "vice", "deputy", "assistant",
    "senior", "managing", "partner", "adviser", "advisor", "consultant", "aide", "tiktoker",
    "youtuber", "influencer", "blogger", "vlogger", "podcaster", "streamer", "police", "fire",
    "borough", "county", "city", "state", "federal", "company", "agency",
}
# Words that describe a speaker without naming one: "kata seorang warga", "one witness said".
DESCRIBED = {
    "seorang", "salah", "para", "sejumlah", "beberapa", "warga", "peserta", "saksi", "jaksa",
    "hakim", "petugas", "pejabat", "sumber", "pengacara", "kuasa", "juru", "tim", "ayah", "ibu",
    "one", "a", "an", "another", "some", "several", "two", "three", "officials", "authorities",
    "witness", "witnesses", "residents", "resident", "experts", "analysts", "police",
    "prosecutors", "investigators", "sources", "critics", "supporters",
}

# -- English reporting ---------------------------------------------------------------------------

EN_VERBS = (
    "said|says|say|told|tells|stated|states|affirmed|affirms|added|adds|noted|notes|explained|"
    "explains|wrote|writes|argued|argues|warned|warns|insisted|insists|recalled|recalls|asked|"
    "asks|replied|replies|continued|continues|concluded|declared|announced|claimed|claims|"
    "admitted|acknowledged|emphasized|emphasised|stressed|posted|tweeted|reported|reports|"
    "remarked|observed|commented|testified|responded|answered|suggested|predicted|cautioned|"
    "urged|conceded|countered|pointed out|went on|shouted|exclaimed|joked|quipped|complained|"
    "lamented|acknowledges|agreed|agrees|confirmed|confirms|denied|denies|maintained|"
    "maintains|contended|contends|believes|added in|described|alleged|alleges|write|began|"
    "touts|touted|tout|recounted|recounts|admits|concedes|reflects|reflected|muses|mused|"
    "jokes|quips|laments|cautions|raged|rages|sings|sang|commands|commanded|blares|blared|"
    "harangues|whispers|whispered|fumed|fumes|snapped|scoffed|gushed|gushes|marveled|boasted|"
    "boasts|vowed|pleaded|wondered|sighed|laughed|yelled|screamed|keeps saying|kept saying"
)
EN_BODY_HEADS = {
    "ministry", "government", "department", "office", "agency", "police", "company", "the",
    "white", "house", "university", "council", "committee", "court", "board", "bureau",
    "commission", "service", "institute", "association", "foundation", "center", "centre",
    "network", "party", "team", "union", "corporation", "group", "senate", "congress",
}
# The endings of an English possessive: "Smith's", "the Joneses'".
POSSESSIVE = ("'s", "’s", "s'", "s’")
# The words that open someone the text does not name: "seorang petugas", "salah satu
# warga", "a witness", "one resident" (a pattern: a lower-case noun follows).
UNNAMED = r"(?:[Ss]eorang|[Ss]alah\s+(?:seorang|satu)|[Aa]n?|[Oo]ne|[Aa]nother)"
# English nouns for someone close to a person: "Smith's lawyer", "the mother of Maria Lopez".
EN_RELATIONS = {
    "mother", "father", "wife", "husband", "son", "daughter", "brother", "sister", "parents",
    "lawyer", "lawyers", "attorney", "attorneys", "counsel", "spokesperson", "spokesman",
    "spokeswoman", "representative", "representatives", "friend", "friends", "aide", "aides",
    "family", "relative", "relatives", "cousin", "uncle", "aunt", "grandmother", "grandfather",
    "niece", "nephew", "fiancé", "fiancée", "girlfriend", "boyfriend", "partner", "agent",
    "teammate", "neighbor", "neighbour", "assistant", "manager", "office", "campaign", "staff",
    "camp", "entourage", "agents", "adviser", "advisers", "advisor", "advisors",
}
EN_PRONOUNS = {"he", "she", "they", "it", "i", "we", "you"}
EN_BACK = {"the", "this", "that"}  # "the minister said": the person who holds the role

# -- lines that are not the article ---------------------------------------------------------------

# Link, promotion and credit lines that sit between paragraphs or inside one: never a speaker.
BOILERPLATE = re.compile(
    r"^\s*(?:\(?\s*(?:baca|simak|lihat|tonton|saksikan)(?:\s+(?:juga|pula|selengkapnya))?"
    r"(?:\s+video)?\s*:|(?:simak|lihat|tonton|saksikan)\s+(?:juga\s+)?video\b|advertisement\b|"
    r"scroll\s+to\s+continue|editor\s*:|copyright\b|©|(?:foto|photo|video)\s*:|"
    r"berita\s+ini\s+(?:sudah|telah)\s+tayang|artikel\s+ini\s+telah\s+tayang|"
    r"contact\s+\S+\s+at\b|follow\s+(?:us|him|her)\b|read\s+more\s*:|related\s*:)",
    re.IGNORECASE,
)
# A photo credit closing a caption line: "(Rachel Aston/Las Vegas Review-Journal) @handle",
# "FG Trade via Getty Images", "(AP Photo/Jane Roe)".
PHOTO_CREDIT = re.compile(
    r"\([A-Z][^()/\n]*\s[^()/\n]*/[^()\n]+\)\s*(?:@\S+\s*)?$|\bvia\s+Getty\s+Images\b|"
    r"\((?:AP|AFP|Reuters)\s+Photo\b"
)

